import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';

/** A file to answer with: its path, size and type. */
export interface FileToSend {
  file: string;
  bytes: number;
  contentType: string;
}

/** What to answer a request for a file: the status, the headers, and the bytes to send (inclusive), if any. */
export interface FileReply {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  range: { start: number; end: number } | null;
  /** The error body of a 416, in the API's error shape. */
  error?: { success: false; error: { code: 'validation'; message: string; fields: { range: string } } };
}

/**
 * The part of a file of `size` bytes a Range header asks for: the whole file without one (or in a unit other
 * than bytes, or for several ranges at once, which a media player never asks and a server may answer whole);
 * null when the range is malformed or starts past the end.
 */
function requestedRange(header: string | undefined, size: number): { start: number; end: number } | 'whole' | null {
  if (!header?.startsWith('bytes=')) return 'whole';
  const spec = header.slice('bytes='.length).trim();
  if (spec.includes(',')) return 'whole';
  const m = /^(\d*)-(\d*)$/.exec(spec);
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    // the last N bytes
    const suffix = Number(m[2]);
    return suffix > 0 && size > 0 ? { start: Math.max(0, size - suffix), end: size - 1 } : null;
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start < size && start <= end ? { start, end } : null;
}

/** The answer to a GET of a file with an optional Range header: 200 whole, 206 a part, 416 a range it cannot serve. */
export function fileReply(rangeHeader: string | undefined, { bytes, contentType }: FileToSend): FileReply {
  // a recording is a person's voice: never cached, never sniffed as anything else
  const common = { 'accept-ranges': 'bytes', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  const range = requestedRange(rangeHeader, bytes);
  if (range === null) {
    const message = `The range "${rangeHeader}" is not within the file's ${bytes} bytes`;
    return {
      status: 416,
      headers: { ...common, 'content-type': 'application/json; charset=utf-8', 'content-range': `bytes */${bytes}` },
      range: null,
      error: { success: false, error: { code: 'validation', message, fields: { range: message } } },
    };
  }
  const part = range === 'whole' ? { start: 0, end: bytes - 1 } : range;
  return {
    status: range === 'whole' ? 200 : 206,
    headers: {
      ...common,
      'content-type': contentType,
      'content-length': String(part.end - part.start + 1),
      ...(range === 'whole' ? {} : { 'content-range': `bytes ${part.start}-${part.end}/${bytes}` }),
    },
    range: part,
  };
}

/** Sends a file over HTTP as fileReply says; HEAD gets the headers alone. */
export async function sendFile(req: IncomingMessage, res: ServerResponse, file: FileToSend): Promise<void> {
  const reply = fileReply(req.headers.range, file);
  res.writeHead(reply.status, reply.headers);
  if (reply.error) return void res.end(JSON.stringify(reply.error));
  if (req.method === 'HEAD' || !reply.range) return void res.end();
  // a player that seeks drops the connection mid-file: that ends the stream, and is no error of ours
  await pipeline(createReadStream(file.file, reply.range), res).catch(() => res.destroy());
}
