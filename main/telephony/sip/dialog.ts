import { addressUri, cseqOf, SipHeaders, uriHostPort, type SipRequest, type SipResponse } from './message';
import type { SipTarget } from './transport';

/**
 * The dialog a 2xx to our INVITE creates (RFC 3261 §12.1.2): remote target from its Contact, route set
 * from its Record-Route (reversed), the remote tag in its To. Builds the ACK and in-dialog requests.
 */
export class Dialog {
  readonly callId: string;
  private readonly from: string;
  private readonly to: string;
  private readonly remoteTarget: string;
  private readonly routeSet: string[];
  private readonly inviteSeq: number;
  private localSeq: number;

  constructor(invite: SipRequest, response: SipResponse) {
    this.callId = invite.headers.get('call-id')!;
    this.from = invite.headers.get('from')!;
    this.to = response.headers.get('to')!;
    const contact = response.headers.get('contact');
    this.remoteTarget = contact ? addressUri(contact) : invite.uri;
    this.routeSet = response.headers.all('record-route').reverse();
    this.inviteSeq = cseqOf(invite).seq;
    this.localSeq = this.inviteSeq;
  }

  /** The To header with the remote tag (a 2xx with another one comes from another fork). */
  get toHeader(): string {
    return this.to;
  }

  /** Where in-dialog requests go: the first (loose) route, else the remote target. */
  get nextHop(): SipTarget {
    return uriHostPort(this.routeSet.length ? addressUri(this.routeSet[0]) : this.remoteTarget);
  }

  /** The ACK of the 2xx: a transaction of its own (new branch), same CSeq number as the INVITE. */
  ack(via: string): SipRequest {
    return this.request('ACK', via, this.inviteSeq);
  }

  /** A new in-dialog request (BYE), with the next CSeq. */
  next(method: string, via: string): SipRequest {
    return this.request(method, via, ++this.localSeq);
  }

  private request(method: string, via: string, seq: number): SipRequest {
    const headers = SipHeaders.of([
      ['Via', via],
      ['Max-Forwards', '70'],
      ['From', this.from],
      ['To', this.to],
      ['Call-ID', this.callId],
      ['CSeq', `${seq} ${method}`],
      ...this.routeSet.map((r): [string, string] => ['Route', r]),
    ]);
    return { kind: 'request', method, uri: this.remoteTarget, headers, body: '' };
  }
}
