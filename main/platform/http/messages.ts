import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { MAX_CSV_BYTES } from '../../../shared/crm/csvImport';
import { AppError } from '../../../shared/errors';

/** A CSV file sent as the body (contacts or DNC numbers). */
export const CSV_BODY_LIMIT = MAX_CSV_BYTES;

/** How long, and how much more, a refused body may go on arriving (read and dropped) before its connection is cut. */
const REFUSED_BODY_LINGER_MS = 5_000;
const REFUSED_BODY_LINGER_BYTES = 16 * 1024 * 1024;

/**
 * Refuses the rest of a body without holding it. What is still coming is read and dropped for a while, so a client
 * still sending reads the 413 (a socket closed on unread data resets, and the client would lose the answer); past
 * the limit again (at least 16 MB) or a few seconds, the connection is cut rather than left to the client.
 */
function tooLarge(req: IncomingMessage, limitBytes: number): AppError {
  let dropped = 0;
  const cut = () => req.socket?.destroy();
  const linger = setTimeout(cut, REFUSED_BODY_LINGER_MS).unref();
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > Math.max(limitBytes, REFUSED_BODY_LINGER_BYTES)) cut();
  });
  req.once('close', () => clearTimeout(linger));
  req.resume();
  return new AppError('too_large', `The body is larger than ${limitBytes} bytes`, { body: 'Too large' });
}

/** Reads a request body up to a limit, decoding as it arrives; a larger body is refused without being buffered. */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limitBytes) return Promise.reject(tooLarge(req, limitBytes));
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    const parts: string[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) return void parts.push(decoder.write(chunk));
      req.off('data', onData).off('end', onEnd);
      parts.length = 0;
      reject(tooLarge(req, limitBytes));
    };
    const onEnd = () => resolve(parts.join('') + decoder.end());
    req.on('data', onData).on('end', onEnd).once('error', reject);
  });
}

/** decodeURIComponent for a part of a request path: a malformed %-escape is the client's error (400), not a URIError. */
export function decodePathPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new AppError('validation', 'The path has a malformed %-escape', { path: 'Malformed percent-encoding' });
  }
}

export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  return parseJsonText(await readBody(req, limitBytes));
}

/** JSON a client sent (a body, a query parameter); nothing is an empty object, malformed text a 400. */
export function parseJsonText(text: string): unknown {
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('validation', 'The body is not valid JSON', { body: 'Malformed JSON' });
  }
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

/** A file made as it is sent (an export): its name, its type and its body. */
export interface StreamedFile {
  fileName: string;
  contentType: string;
  body: Readable;
}

/**
 * Sends a file as a download at the client's pace: the body is read only as the socket drains. A client that
 * goes away ends the body's reading; a body that fails after the headers cuts the response, so the client
 * sees a broken transfer rather than a file that looks whole.
 */
export async function sendStreamed(res: ServerResponse, { fileName, contentType, body }: StreamedFile): Promise<void> {
  res.writeHead(200, { 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`, 'cache-control': 'no-store' });
  try {
    await pipeline(body, res);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  }
}
