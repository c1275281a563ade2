import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, type Socket as TcpSocket } from 'node:net';
import { parseMessage, serializeMessage, StreamFramer, type SipMessage } from './message';

export interface SipTarget {
  host: string;
  port: number;
}

/** One way of moving SIP messages: a UDP socket, or TCP connections framed by Content-Length. */
export interface SipTransport {
  readonly kind: 'udp' | 'tcp';
  /** Reliable transports get no retransmissions and zero-length wait timers (RFC 3261 §17). */
  readonly reliable: boolean;
  /** Our address as this target sees it (connecting first over TCP), for Via and Contact. */
  localFor(target: SipTarget): Promise<{ address: string; port: number }>;
  send(message: SipMessage, target: SipTarget): Promise<void>;
  onMessage(handler: (message: SipMessage, source: SipTarget) => void): void;
  close(): Promise<void>;
}

/** Parses what arrived; garbage on the wire is dropped, never thrown. */
function deliver(text: string, source: SipTarget, handler: ((m: SipMessage, s: SipTarget) => void) | undefined): void {
  let message: SipMessage;
  try {
    message = parseMessage(text);
  } catch {
    return;
  }
  handler?.(message, source);
}

export async function openUdpTransport(bindAddress: string): Promise<SipTransport> {
  const socket: UdpSocket = createSocket('udp4');
  let handler: ((m: SipMessage, s: SipTarget) => void) | undefined;
  socket.on('message', (data, rinfo) => deliver(data.toString('utf8'), { host: rinfo.address, port: rinfo.port }, handler));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, bindAddress, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return {
    kind: 'udp',
    reliable: false,
    localFor: async () => socket.address(),
    send: (message, target) =>
      new Promise((resolve, reject) => socket.send(Buffer.from(serializeMessage(message)), target.port, target.host, (err) => (err ? reject(err) : resolve()))),
    onMessage: (h) => (handler = h),
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

/** TCP: one connection per far end, opened on first use from `bindAddress`, reused for everything to it. */
export function openTcpTransport(bindAddress: string): SipTransport {
  const connections = new Map<string, Promise<TcpSocket>>();
  let handler: ((m: SipMessage, s: SipTarget) => void) | undefined;
  const keyOf = (t: SipTarget) => `${t.host}:${t.port}`;

  function connection(target: SipTarget): Promise<TcpSocket> {
    const key = keyOf(target);
    let socket = connections.get(key);
    if (!socket) {
      socket = new Promise<TcpSocket>((resolve, reject) => {
        const s = connect({ host: target.host, port: target.port, localAddress: bindAddress });
        const framer = new StreamFramer();
        s.once('connect', () => resolve(s));
        s.on('data', (chunk) => framer.push(chunk).forEach((text) => deliver(text, target, handler)));
        s.on('error', (err) => reject(err));
        s.on('close', () => connections.delete(key));
      });
      socket.catch(() => connections.delete(key));
      connections.set(key, socket);
    }
    return socket;
  }

  return {
    kind: 'tcp',
    reliable: true,
    async localFor(target) {
      const s = await connection(target);
      return { address: s.localAddress!, port: s.localPort! };
    },
    async send(message, target) {
      const s = await connection(target);
      await new Promise<void>((resolve, reject) => s.write(serializeMessage(message), (err) => (err ? reject(err) : resolve())));
    },
    onMessage: (h) => (handler = h),
    async close() {
      const sockets = await Promise.allSettled([...connections.values()]);
      for (const s of sockets) if (s.status === 'fulfilled') s.value.destroy();
      connections.clear();
    },
  };
}
