import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  body: string;
  /** Whether the Standard Webhooks library accepted the signature with the endpoint's secret. */
  verified: boolean;
  type: string;
}

/** How the receiver answers its n-th request (from 1): a status, a status once the promise settles (held till then), or 'hang' (never answers). */
export type Answer = (n: number, received: Received) => number | Promise<number> | 'hang';

/** A real HTTP server on loopback that verifies every request with the standardwebhooks library. */
export async function startReceiver(answer: Answer = () => 200) {
  const received: Received[] = [];
  let secret: string | null = null;
  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = false;
      try {
        new Webhook(secret ?? '').verify(body, req.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      const item = { id: String(req.headers['webhook-id']), body, verified, type: String((JSON.parse(body) as { type: string }).type) };
      received.push(item);
      const status = answer(received.length, item);
      if (status === 'hang') hanging.add(res);
      else void Promise.resolve(status).then((code) => res.writeHead(code).end(code >= 300 ? 'receiver says no' : ''));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    /** The secret to verify with (the one the endpoint's create or rotate answered). */
    useSecret: (value: string) => void (secret = value),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
