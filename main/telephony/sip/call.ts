import type { CallOutcome } from '../../../shared/campaigns/types';
import type { SipTrunkCredentials } from '../../../shared/telephony/trunk';
import type { Clock } from '../../platform/clock';
import type { CallReport, MediaEndpoint, TransferResult } from '../media/endpoint';
import type { CallEvent } from '../port';
import { digestAuthorization, parseDigestChallenge } from './digest';
import { Dialog } from './dialog';
import { SipHeaders, type SipRequest, type SipResponse } from './message';
import { outcomeOfFinalResponse } from './outcomes';
import { Referral, referRequest } from './refer';
import { sdpOffer, parseSdpAnswer } from './sdp';
import { newBranch, randomToken, type SipStack } from './stack';
import { T1, type ClientTransaction } from './transaction';
import type { SipTarget, SipTransport } from './transport';

/** What an ended call carries besides its outcome. */
export type CallEnding = Pick<Extract<CallEvent, { type: 'ended' }>, 'error' | 'optedOut' | 'amd' | 'transcript' | 'tools' | 'callback'>;

/** What an answered call's end carries from its media report: the opt-out, detection, the conversation's record. */
function endingOf(report: CallReport): CallEnding {
  return {
    ...(report.optedOut ? { optedOut: true } : {}),
    ...(report.amd ? { amd: report.amd } : {}),
    ...(report.transcript.length ? { transcript: report.transcript } : {}),
    ...(report.tools.length ? { tools: report.tools } : {}),
    ...(report.callback ? { callback: report.callback } : {}),
  };
}

export interface SipCallHooks {
  ringing(): void;
  /** The far end answered at `at` (the dialer's clock); reported once its media has started. */
  answered(at: number): void;
  /** Reports the end once; the SIP side may still be finishing (CANCEL, BYE). */
  ended(outcome: CallOutcome, ending: CallEnding): void;
  /** Signalling and media are done: the call can be forgotten. */
  released(): void;
}

/**
 * One outbound call as a SIP UAC: INVITE (re-sent once with digest credentials on 401/407), CANCEL on
 * hang-up or ring timeout (deferred until a provisional arrives, RFC 3261 §9.1), ACK of the 2xx, BYE on
 * hang-up / max duration / media hang-up, the far end's BYE, and a cold transfer by REFER (RFC 3515).
 */
export class SipCall {
  readonly sipCallId = `${randomToken(12)}@dialwell`;
  private readonly fromTag = randomToken();
  private trunk!: SipTrunkCredentials;
  private transport!: SipTransport;
  private media: MediaEndpoint | null = null;
  private invite: SipRequest | null = null;
  private inviteTx: ClientTransaction | null = null;
  private dialog: Dialog | null = null;
  private ack: SipRequest | null = null;
  private provisional = false;
  private ringingSeen = false;
  /** Answered, media started, `answered` reported. */
  private talking = false;
  private cancelReason: 'hangup' | 'ring_timeout' | null = null;
  private cancelSent = false;
  private byeSent = false;
  private authTries = 0;
  /** Our URI (the INVITE's From) and Contact, for the in-dialog requests that name us. */
  private localUri = '';
  private contact = '';
  /** A transfer under way (REFER sent, not yet settled, or accepted). */
  private referral: Referral | null = null;
  private reported = false;
  private isReleased = false;
  private readonly timers = new Set<number>();

  constructor(
    private readonly stack: SipStack,
    private readonly clock: Clock,
    private readonly to: string,
    private readonly from: string,
    private readonly hooks: SipCallHooks,
  ) {}

  get target(): SipTarget {
    return { host: this.trunk.host, port: this.trunk.port };
  }

  /**
   * Finds the trunk, opens the media endpoint and sends the INVITE offering its address; a failure before
   * the INVITE is out (no trunk, media, connection) ends the call `failed`.
   */
  async start(findTrunk: () => SipTrunkCredentials | null | Promise<SipTrunkCredentials | null>, openMedia: () => Promise<MediaEndpoint>): Promise<void> {
    try {
      // a hang-up before the INVITE is out releases the call at once (see cancel()): stop where we are
      const trunk = await findTrunk();
      if (this.isReleased) return;
      if (!trunk) throw new Error(`no SIP trunk for caller ID ${this.from}`);
      this.trunk = trunk;
      const media = await openMedia();
      if (this.isReleased) return await media.close();
      this.media = media;
      media.onHangupRequest((report) => void this.hangup(report));
      media.onTransferRequest((number, settled) => this.transfer(number, settled));
      this.transport = await this.stack.transport(this.trunk.transport);
      const contact = await this.stack.contactAddress(this.transport, this.target);
      if (this.isReleased) return;
      const transportParam = this.trunk.transport === 'tcp' ? ';transport=tcp' : '';
      const fromUser = this.trunk.fromUser ?? this.from;
      this.localUri = `sip:${fromUser}@${this.trunk.fromDomain ?? this.trunk.host}`;
      this.contact = `<sip:${fromUser}@${contact.address}:${contact.port}${transportParam}>`;
      const headers = SipHeaders.of([
        ['Max-Forwards', '70'],
        ['From', `<${this.localUri}>;tag=${this.fromTag}`],
        ['To', `<sip:${this.to}@${this.trunk.host}>`],
        ['Call-ID', this.sipCallId],
        ['CSeq', '1 INVITE'],
        ['Contact', this.contact],
        ['Allow', 'INVITE, ACK, CANCEL, BYE, OPTIONS, NOTIFY'],
        ['User-Agent', 'Dialwell'],
        ['Content-Type', 'application/sdp'],
      ]);
      const uri = `sip:${this.to}@${this.trunk.host}:${this.trunk.port}${transportParam}`;
      await this.sendInvite({ kind: 'request', method: 'INVITE', uri, headers, body: sdpOffer(media, this.clock.now()) });
      if (!this.isReleased) this.later(this.trunk.ringTimeoutSeconds * 1000, () => this.ringTimeout());
    } catch (err) {
      this.end('failed', { error: (err as Error).message });
      this.release();
    }
  }

  /**
   * Our side ends the call: CANCEL before the answer (`cancelled`), BYE after (as the media's report says:
   * see endTalking).
   */
  async hangup(report?: CallReport): Promise<void> {
    if (this.reported) return;
    if (this.talking) this.endTalking(report ?? this.media!.finish());
    // before the answer only a fault asks (the media thread is gone): the call failed, it was not cancelled
    else if (report?.failure) this.end('failed', { error: report.failure });
    else this.end('cancelled');
    this.cancel('hangup');
  }

  /**
   * An answered call ends as its media found it: a failure (the voice engine unreachable), transferred (the far
   * end took our REFER), voicemail (a machine, by detection or the engine), or answered; with the opt-out, what
   * detection found and the conversation's record.
   */
  private endTalking(report: CallReport): void {
    const ending = endingOf(report);
    if (report.failure) this.end('failed', { ...ending, error: report.failure });
    else this.end(report.transferred ? 'transferred' : report.voicemail ? 'voicemail' : 'answered', ending);
  }

  /** The far end hung up (after accepting a transfer, that is the transfer done). */
  remoteBye(request: SipRequest, transport: SipTransport, source: SipTarget): void {
    this.stack.respond(transport, source, request, 200, 'OK');
    if (!this.dialog) return;
    this.byeSent = true;
    this.referral?.farEndHungUp();
    if (this.talking) this.endTalking(this.media!.finish());
    else this.end('failed', { error: 'the far end hung up while the call was being set up' });
    this.release();
  }

  /** Hands the answered call on to `number` at the trunk: a REFER within the dialog (cold transfer); `settled` hears how it went. */
  transfer(number: string, settled: (result: TransferResult) => void): void {
    const dialog = this.dialog;
    if (!dialog || !this.talking || this.byeSent || this.reported) return settled({ transferred: false, error: 'the call is no longer connected' });
    const referral = new Referral(
      (result) => {
        if (!result.transferred) this.referral = null;
        settled(result);
      },
      (ms, run) => this.later(ms, run),
    );
    this.referral = referral;
    const target = dialog.nextHop;
    const parties = { referTo: `sip:${number}@${this.trunk.host}`, referredBy: this.localUri, contact: this.contact };
    this.stack
      .via(this.transport, target, newBranch())
      .then((via) => {
        if (this.isReleased) return;
        this.stack.send(this.transport, target, referRequest(dialog, via, parties), {
          onResponse: (response) => referral.answered(response),
          onTimeout: (reason) => referral.unanswered(reason),
        });
      })
      .catch((err: Error) => referral.unanswered(err.message));
  }

  /** A NOTIFY within our dialog: how a transfer is going. */
  notified(request: SipRequest, transport: SipTransport, source: SipTarget): void {
    const answer = this.referral?.notified(request) ?? { status: 481, reason: 'Subscription Does Not Exist' };
    this.stack.respond(transport, source, request, answer.status, answer.reason);
  }

  /** A 2xx retransmitted by the far end (our ACK got lost). */
  retransmitted2xx(response: SipResponse): void {
    const dialog = this.dialog;
    if (this.ack && dialog && response.headers.get('to') === dialog.toHeader) this.stack.sendAck(this.transport, dialog.nextHop, this.ack);
  }

  /** Done with the call: timers stopped, media closed, the provider forgets it (also forced at provider close). */
  release(): void {
    if (this.isReleased) return;
    this.isReleased = true;
    for (const t of this.timers) this.clock.cancel(t);
    this.timers.clear();
    void this.media?.close().catch(() => undefined);
    this.hooks.released();
  }

  private async sendInvite(invite: SipRequest): Promise<void> {
    const via = await this.stack.via(this.transport, this.target, newBranch());
    // hung up while we were getting ready: nothing is pending at the far end
    if (this.isReleased) return;
    invite.headers.remove('via').add('Via', via);
    this.invite = invite;
    this.provisional = false;
    this.inviteTx = this.stack.send(this.transport, this.target, invite, {
      onResponse: (response) => this.onInviteResponse(invite, response),
      onTimeout: (reason) => {
        this.end('failed', { error: reason });
        this.release();
      },
    });
  }

  private onInviteResponse(invite: SipRequest, response: SipResponse): void {
    if (invite !== this.invite || this.isReleased) return;
    const { status } = response;
    if (status < 200) {
      this.provisional = true;
      if ((status === 180 || status === 183) && !this.ringingSeen && !this.reported) {
        this.ringingSeen = true;
        this.hooks.ringing();
      }
      if (this.cancelReason) this.sendCancel();
      return;
    }
    if (status < 300) {
      void this.onAnswer(response);
      return;
    }
    if ((status === 401 || status === 407) && this.retryWithCredentials(response)) return;
    const outcome = outcomeOfFinalResponse(status);
    this.end(outcome, outcome === 'failed' ? { error: `${status} ${response.reason}` } : {});
    this.release();
  }

  private async onAnswer(response: SipResponse): Promise<void> {
    const dialog = (this.dialog = new Dialog(this.invite!, response));
    this.ack = dialog.ack(await this.stack.via(this.transport, dialog.nextHop, newBranch()));
    this.stack.sendAck(this.transport, dialog.nextHop, this.ack);
    if (this.cancelReason) {
      // the answer crossed our CANCEL: hang up at once
      this.end(this.cancelReason === 'ring_timeout' ? 'no_answer' : 'cancelled');
      await this.bye();
      return;
    }
    const remote = parseSdpAnswer(response.body);
    // the answer's time is now, not once the media has started: starting waits on the media thread
    const answeredAt = this.clock.now();
    try {
      if (remote instanceof Error) throw remote;
      await this.media!.start(remote);
    } catch (err) {
      this.end('failed', { error: (err as Error).message });
      await this.bye();
      return;
    }
    if (this.reported) return;
    this.talking = true;
    this.hooks.answered(answeredAt);
    this.later(this.trunk.maxCallSeconds * 1000, () => void this.hangup());
  }

  /** Re-sends the INVITE with credentials for a 401/407 challenge; false when we cannot or already did. */
  private retryWithCredentials(response: SipResponse): boolean {
    const { username, password } = this.trunk;
    if (username === null || password === null || this.cancelReason) return false;
    const proxy = response.status === 407;
    const challenge = parseDigestChallenge(response.headers.get(proxy ? 'proxy-authenticate' : 'www-authenticate') ?? '');
    // one try per call, again only when the server says our nonce was merely stale
    if (!challenge || (this.authTries > 0 && !challenge.stale)) return false;
    this.authTries++;
    const previous = this.invite!;
    let authorization: string;
    try {
      authorization = digestAuthorization(challenge, { method: 'INVITE', uri: previous.uri, username, password, nonceCount: 1 });
    } catch {
      return false;
    }
    const seq = Number(previous.headers.get('cseq')!.split(/\s+/)[0]) + 1;
    const headers = previous.headers.clone().set('CSeq', `${seq} INVITE`).set(proxy ? 'Proxy-Authorization' : 'Authorization', authorization);
    // the challenged INVITE is over: until the new one is out, a hang-up has nothing to CANCEL
    this.invite = this.inviteTx = null;
    this.provisional = false;
    void this.sendInvite({ ...previous, headers }).catch((err: Error) => {
      this.end('failed', { error: err.message });
      this.release();
    });
    return true;
  }

  private ringTimeout(): void {
    if (this.reported || this.dialog) return;
    this.cancel('ring_timeout');
  }

  private cancel(reason: 'hangup' | 'ring_timeout'): void {
    this.cancelReason ??= reason;
    if (this.dialog) void this.bye();
    else if (this.provisional) this.sendCancel();
    else if (!this.inviteTx) {
      // the INVITE is not out (yet): stop here
      this.end(reason === 'ring_timeout' ? 'no_answer' : 'cancelled');
      this.release();
    }
    // else the CANCEL waits for a provisional (onInviteResponse)
  }

  /** CANCEL the pending INVITE (same branch); if no final answer follows within 64·T1, give up on it. */
  private sendCancel(): void {
    if (this.cancelSent || !this.invite) return;
    this.cancelSent = true;
    const h = this.invite.headers;
    const headers = SipHeaders.of([
      ['Via', h.get('via')!],
      ['Max-Forwards', '70'],
      ['From', h.get('from')!],
      ['To', h.get('to')!],
      ['Call-ID', this.sipCallId],
      ['CSeq', `${h.get('cseq')!.split(/\s+/)[0]} CANCEL`],
    ]);
    this.stack.send(this.transport, this.target, { kind: 'request', method: 'CANCEL', uri: this.invite.uri, headers, body: '' }, { onResponse: () => undefined, onTimeout: () => undefined });
    this.later(64 * T1, () => {
      this.inviteTx?.terminate();
      this.end(this.cancelReason === 'ring_timeout' ? 'no_answer' : 'cancelled');
      this.release();
    });
  }

  private async bye(): Promise<void> {
    if (this.byeSent || !this.dialog) return;
    this.byeSent = true;
    const target = this.dialog.nextHop;
    const bye = this.dialog.next('BYE', await this.stack.via(this.transport, target, newBranch()));
    this.stack.send(this.transport, target, bye, {
      onResponse: (response) => {
        if (response.status >= 200) this.release();
      },
      onTimeout: () => this.release(),
    });
  }

  private end(outcome: CallOutcome, ending: CallEnding = {}): void {
    if (this.reported) return;
    this.reported = true;
    this.hooks.ended(outcome, ending);
  }

  private later(ms: number, run: () => void): void {
    const handle = this.clock.at(this.clock.now() + ms, () => {
      this.timers.delete(handle);
      run();
    });
    this.timers.add(handle);
  }
}
