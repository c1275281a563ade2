import { protocol } from 'electron';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { AppError } from '../../shared/errors';
import { STATUS_OF } from '../api/handler';
import { RECORDING_SCHEME } from '../calls/recordingLinks';
import { signedRecording } from '../calls/signedRecording';
import type { Core } from '../core';
import { fileReply } from '../platform/http/byteRanges';

/**
 * The window's recordings scheme must be known before the app is ready: standard (its URLs have paths),
 * and streaming, so the <audio> element may ask for byte ranges and seek.
 */
export function registerRecordingScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: RECORDING_SCHEME, privileges: { standard: true, secure: true, stream: true } }]);
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

/** Serves the signed recording links the handler table gives the desktop window, with byte ranges, as the headless host does over HTTP. */
export function serveRecordings(core: () => Core | undefined): void {
  protocol.handle(RECORDING_SCHEME, async (request) => {
    const opened = core();
    if (!opened) return json(503, { success: false, error: { code: 'internal', message: 'Dialwell is closing' } });
    try {
      const file = await signedRecording(opened.services, new URL(request.url));
      const reply = fileReply(request.headers.get('range') ?? undefined, file);
      if (reply.error) return json(reply.status, reply.error);
      const body = reply.range && request.method !== 'HEAD' ? (Readable.toWeb(createReadStream(file.file, reply.range)) as ReadableStream) : null;
      return new Response(body, { status: reply.status, headers: reply.headers });
    } catch (error) {
      if (error instanceof AppError) return json(STATUS_OF[error.code], { success: false, error: error.toShape() });
      throw error;
    }
  });
}
