// A stand-in for OpenAI's Responses endpoint: a real HTTP server on 127.0.0.1 that records each request
// (typed with the `openai` package's own request type) and answers from the test's script, in order.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';

export const FAKE_RESPONSES_KEY = 'sk-fake-responses-key-0123456789';

/** One scripted answer: the model's text (valid or not), or an HTTP error. */
export type ScriptedAnswer = { text: string } | { status: number; message: string };

export interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  body: ResponseCreateParamsNonStreaming;
}

/** A request's whole body, as text. */
export const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8'))).on('error', reject);
  });

/** A completed response whose one message says `text`, as the Responses API shapes it. */
function completed(body: ResponseCreateParamsNonStreaming, text: string, n: number) {
  return {
    id: `resp_${n}`,
    object: 'response',
    created_at: 1_700_000_000 + n,
    status: 'completed',
    model: body.model,
    output: [{ type: 'message', id: `msg_${n}`, status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] }],
    usage: { input_tokens: 10, output_tokens: 10, total_tokens: 20 },
  };
}

export async function startFakeResponses(script: ScriptedAnswer[]) {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const body = JSON.parse(raw) as ResponseCreateParamsNonStreaming;
      requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
      const answer = script.shift() ?? { status: 500, message: 'the script has no answer left' };
      const status = 'text' in answer ? 200 : answer.status;
      const payload = 'text' in answer ? completed(body, answer.text, requests.length) : { error: { message: answer.message, type: 'server_error' } };
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    /** Adds answers to the script (for a retry). */
    answer: (...more: ScriptedAnswer[]) => script.push(...more),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
