// A stand-in for OpenAI's text-to-speech endpoint (POST /v1/audio/speech): a real HTTP server on 127.0.0.1 that
// records each request (typed with the `openai` package's own request type) and answers as the API does: the
// audio's raw bytes (here `pcm`: 24 kHz 16-bit little-endian mono), or a 401 error object for a key not its own.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SpeechCreateParams } from 'openai/resources/audio/speech';
import { readBody } from './fakeResponses';

export const FAKE_SPEECH_KEY = 'sk-fake-speech-key-0123456789';

export interface RecordedSpeechRequest {
  path: string;
  authorization: string | undefined;
  body: SpeechCreateParams;
}

const INVALID_KEY = { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' } };

/** 16-bit samples as the `pcm` format sends them: little-endian, no header. */
export function pcmBytes(samples: Int16Array): Buffer {
  const bytes = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, i) => bytes.writeInt16LE(sample, i * 2));
  return bytes;
}

/** Answers every speech request with `speech` (24 kHz samples), sent `delayMs` after the request came. */
export async function startFakeSpeech(speech: Int16Array, { delayMs = 0 } = {}) {
  const requests: RecordedSpeechRequest[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(raw) as SpeechCreateParams });
      if (req.method !== 'POST' || req.url !== '/v1/audio/speech') return res.writeHead(404).end();
      if (req.headers.authorization !== `Bearer ${FAKE_SPEECH_KEY}`) return res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify(INVALID_KEY));
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(pcmBytes(speech)), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type FakeSpeech = Awaited<ReturnType<typeof startFakeSpeech>>;
