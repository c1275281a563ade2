import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock';
import { cseqOf, headerParams, SipHeaders, type SipMessage, type SipRequest, type SipResponse } from './message';
import { ClientTransaction, transactionKey } from './transaction';
import { openTcpTransport, openUdpTransport, type SipTarget, type SipTransport } from './transport';

export const randomToken = (bytes = 8) => randomBytes(bytes).toString('hex');
/** RFC 3261 branches start with the magic cookie so peers know they are unique. */
export const newBranch = () => `z9hG4bK${randomToken()}`;

export interface StackHandlers {
  /** A request from the far end (BYE, OPTIONS, …), to be answered with respond(). */
  onRequest(request: SipRequest, transport: SipTransport, source: SipTarget): void;
  /** A 2xx to INVITE whose transaction is gone: a retransmission that needs our ACK again. */
  onStray2xx(response: SipResponse): void;
}

/**
 * The shared lower layers of the user agent: one transport of each kind (opened on first use),
 * the table of client transactions, and what the far end told us about our address (Via received/rport).
 */
export class SipStack {
  private readonly transports = new Map<'udp' | 'tcp', Promise<SipTransport>>();
  private readonly transactions = new Map<string, ClientTransaction>();
  /** Our address as seen by each far end, learned from `received`/`rport` on responses. */
  private readonly seenAs = new Map<string, { address: string; port: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly bindAddress: string,
    private readonly handlers: StackHandlers,
  ) {}

  transport(kind: 'udp' | 'tcp'): Promise<SipTransport> {
    let transport = this.transports.get(kind);
    if (!transport) {
      transport = (kind === 'udp' ? openUdpTransport(this.bindAddress) : Promise.resolve(openTcpTransport(this.bindAddress))).then((t) => {
        t.onMessage((message, source) => this.receive(message, t, source));
        return t;
      });
      this.transports.set(kind, transport);
    }
    return transport;
  }

  /** The Via of a new request to `target` (with `rport` so the far end answers where we sent from). */
  async via(transport: SipTransport, target: SipTarget, branch: string): Promise<string> {
    const local = await transport.localFor(target);
    return `SIP/2.0/${transport.kind.toUpperCase()} ${local.address}:${local.port};branch=${branch};rport`;
  }

  /** Where the far end can reach us: what it told us via received/rport, else our socket's address. */
  async contactAddress(transport: SipTransport, target: SipTarget): Promise<{ address: string; port: number }> {
    return this.seenAs.get(`${transport.kind} ${target.host}:${target.port}`) ?? transport.localFor(target);
  }

  /** Starts a client transaction for `request` (not ACK). */
  send(transport: SipTransport, target: SipTarget, request: SipRequest, on: { onResponse(r: SipResponse): void; onTimeout(reason: string): void }): ClientTransaction {
    const tx = new ClientTransaction({
      clock: this.clock,
      transport,
      target,
      request,
      ...on,
      onTerminated: () => {
        if (this.transactions.get(tx.key) === tx) this.transactions.delete(tx.key);
      },
    });
    this.transactions.set(tx.key, tx);
    tx.start();
    return tx;
  }

  /** ACK of a 2xx: no transaction of its own; the dialog re-sends it for each retransmitted 2xx. */
  sendAck(transport: SipTransport, target: SipTarget, ack: SipRequest): void {
    transport.send(ack, target).catch(() => undefined);
  }

  /** Answers a request from the far end (RFC 3261 §8.2.6), over the transport it came on, to its source. */
  respond(transport: SipTransport, source: SipTarget, request: SipRequest, status: number, reason: string, toTag?: string): void {
    const h = request.headers;
    const to = h.get('to') ?? '';
    const headers = SipHeaders.of([
      ...h.all('via').map((v): [string, string] => ['Via', v]),
      ['From', h.get('from') ?? ''],
      ['To', toTag && !headerParams(to).has('tag') ? `${to};tag=${toTag}` : to],
      ['Call-ID', h.get('call-id') ?? ''],
      ['CSeq', h.get('cseq') ?? ''],
    ]);
    transport.send({ kind: 'response', status, reason, headers, body: '' }, source).catch(() => undefined);
  }

  private receive(message: SipMessage, transport: SipTransport, source: SipTarget): void {
    if (message.kind === 'request') {
      this.handlers.onRequest(message, transport, source);
      return;
    }
    this.learnAddress(message, transport, source);
    const tx = this.transactions.get(transactionKey(message));
    if (tx) tx.receive(message);
    else if (message.status >= 200 && message.status < 300 && cseqOf(message).method === 'INVITE') this.handlers.onStray2xx(message);
  }

  private learnAddress(response: SipResponse, transport: SipTransport, source: SipTarget): void {
    const via = response.headers.get('via');
    if (!via) return;
    const params = headerParams(via);
    const received = params.get('received');
    const rport = Number(params.get('rport'));
    if (!received && !rport) return;
    const sentBy = /^\S+\s+([^;:\s]+|\[[^\]]+\])(?::(\d+))?/.exec(via);
    this.seenAs.set(`${transport.kind} ${source.host}:${source.port}`, {
      address: received || sentBy?.[1] || source.host,
      port: rport || Number(sentBy?.[2] ?? 5060),
    });
  }

  async close(): Promise<void> {
    for (const tx of [...this.transactions.values()]) tx.terminate();
    const transports = await Promise.allSettled([...this.transports.values()]);
    this.transports.clear();
    for (const t of transports) if (t.status === 'fulfilled') await t.value.close();
  }
}
