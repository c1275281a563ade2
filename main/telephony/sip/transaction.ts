import type { Clock } from '../../platform/clock';
import { cseqOf, SipHeaders, topViaBranch, type SipRequest, type SipResponse } from './message';
import type { SipTarget, SipTransport } from './transport';

/** RFC 3261 §17 timer bases, ms: round-trip estimate, longest retransmit interval, longest lifetime in the network. */
export const T1 = 500;
export const T2 = 4000;
export const T4 = 5000;

export interface ClientTransactionOptions {
  clock: Clock;
  transport: SipTransport;
  target: SipTarget;
  request: SipRequest;
  /** Each provisional, and the final response once (for a 2xx to INVITE: the first 2xx). */
  onResponse(response: SipResponse): void;
  /** Timer B/F fired or the transport failed: no final response will come. */
  onTimeout(reason: string): void;
  /** The transaction is over; drop it from any table. */
  onTerminated(): void;
}

/** Matches a response to its client transaction (RFC 3261 §17.1.3): top Via branch plus CSeq method. */
export function transactionKey(message: SipRequest | SipResponse): string {
  return `${topViaBranch(message)} ${cseqOf(message).method}`;
}

/**
 * A client transaction (RFC 3261 §17.1). INVITE: timers A (retransmit, doubling), B (give up at 64·T1)
 * and D (absorb final retransmissions), and the ACK of a non-2xx final on the same branch.
 * Non-INVITE (BYE, CANCEL): timers E (retransmit, doubling up to T2), F (give up) and K. Over a
 * reliable transport nothing is retransmitted and D/K are zero.
 */
export class ClientTransaction {
  readonly key: string;
  private state: 'calling' | 'proceeding' | 'completed' | 'terminated' = 'calling';
  private retransmitTimer: number | null = null;
  private timeoutTimer: number | null = null;
  private ack: SipRequest | null = null;
  private readonly invite: boolean;

  constructor(private readonly o: ClientTransactionOptions) {
    this.key = transactionKey(o.request);
    this.invite = o.request.method === 'INVITE';
  }

  start(): void {
    this.transmit(this.o.request);
    if (!this.o.transport.reliable) this.scheduleRetransmit(T1);
    this.timeoutTimer = this.o.clock.at(this.o.clock.now() + 64 * T1, () => this.fail(this.invite ? 'no response (timer B)' : 'no response (timer F)'));
  }

  receive(response: SipResponse): void {
    if (this.state === 'terminated') return;
    if (this.state === 'completed') {
      // a retransmitted final: our ACK was lost
      if (this.ack && response.status >= 300) this.transmit(this.ack);
      return;
    }
    if (response.status < 200) {
      this.state = 'proceeding';
      // an INVITE stops retransmitting on a provisional; a non-INVITE keeps going at T2
      if (this.invite) this.clearTimers();
      this.o.onResponse(response);
      return;
    }
    this.clearTimers();
    if (this.invite && response.status < 300) {
      // a 2xx ends the INVITE transaction; its ACK is the dialog's business
      this.o.onResponse(response);
      this.terminate();
      return;
    }
    this.state = 'completed';
    if (this.invite) {
      this.ack = ackForNonSuccess(this.o.request, response);
      this.transmit(this.ack);
    }
    this.o.onResponse(response);
    const linger = this.o.transport.reliable ? 0 : this.invite ? 64 * T1 : T4;
    this.timeoutTimer = this.o.clock.at(this.o.clock.now() + linger, () => this.terminate());
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.clearTimers();
    this.o.onTerminated();
  }

  private scheduleRetransmit(interval: number): void {
    this.retransmitTimer = this.o.clock.at(this.o.clock.now() + interval, () => {
      if (this.state === 'calling' || (!this.invite && this.state === 'proceeding')) {
        this.transmit(this.o.request);
        this.scheduleRetransmit(this.invite ? interval * 2 : Math.min(interval * 2, T2));
      }
    });
  }

  private transmit(request: SipRequest): void {
    this.o.transport.send(request, this.o.target).catch((err: Error) => this.fail(`transport: ${err.message}`));
  }

  private fail(reason: string): void {
    if (this.state === 'terminated' || this.state === 'completed') return;
    this.terminate();
    this.o.onTimeout(reason);
  }

  private clearTimers(): void {
    if (this.retransmitTimer !== null) this.o.clock.cancel(this.retransmitTimer);
    if (this.timeoutTimer !== null) this.o.clock.cancel(this.timeoutTimer);
    this.retransmitTimer = this.timeoutTimer = null;
  }
}

/** The ACK of a 3xx–6xx (RFC 3261 §17.1.1.3): same branch and Request-URI, To from the response. */
function ackForNonSuccess(invite: SipRequest, response: SipResponse): SipRequest {
  const h = invite.headers;
  const headers = SipHeaders.of([
    ['Via', h.get('via')!],
    ['Max-Forwards', '70'],
    ['From', h.get('from')!],
    ['To', response.headers.get('to')!],
    ['Call-ID', h.get('call-id')!],
    ['CSeq', `${cseqOf(invite).seq} ACK`],
    ...h.all('route').map((r): [string, string] => ['Route', r]),
  ]);
  return { kind: 'request', method: 'ACK', uri: invite.uri, headers, body: '' };
}
