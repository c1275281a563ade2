import type { TransferResult } from '../media/endpoint';
import type { Dialog } from './dialog';
import type { SipRequest, SipResponse } from './message';
import { T1 } from './transaction';

/** How long after the far end accepted a REFER we wait for its word that the transfer target answered. */
export const TRANSFER_WAIT_MS = 64 * T1;

export interface ReferParties {
  /** Where the far end is sent: a SIP URI. */
  referTo: string;
  /** Who sends it there: our URI, as in the INVITE's From. */
  referredBy: string;
  /** Our Contact: a REFER sets up a subscription (its NOTIFYs), which needs one. */
  contact: string;
}

/**
 * The REFER of a cold transfer (RFC 3515) within the call's dialog: the far end is asked to call `referTo` itself,
 * and tells us how that went in NOTIFYs of the `refer` event; then we hang up.
 */
export function referRequest(dialog: Dialog, via: string, { referTo, referredBy, contact }: ReferParties): SipRequest {
  const refer = dialog.next('REFER', via);
  refer.headers.add('Contact', contact).add('Refer-To', `<${referTo}>`).add('Referred-By', `<${referredBy}>`);
  return refer;
}

/** What a NOTIFY of the refer event reports: the status line of the target's answer (a message/sipfrag body). */
function reportedStatus(notify: SipRequest): { status: number; reason: string } | null {
  const line = /^SIP\/2\.0 (\d{3}) ?(.*)$/m.exec(notify.body);
  return line ? { status: Number(line[1]), reason: line[2].trim() } : null;
}

/**
 * One transfer's REFER transaction and the subscription it creates: settled once, as transferred when the far end
 * reports that the target answered (NOTIFY with a 2xx sipfrag), or hangs up on us after accepting the REFER (202);
 * as failed when the REFER is refused or unanswered, the target refuses, or the far end goes quiet.
 */
export class Referral {
  private accepted = false;
  private done = false;

  constructor(
    private readonly settled: (result: TransferResult) => void,
    /** Runs `run` in `ms`, unless the call is over by then. */
    private readonly later: (ms: number, run: () => void) => void,
  ) {}

  /** A response to the REFER (each provisional, then the final one). */
  answered(response: SipResponse): void {
    const { status, reason } = response;
    if (status < 200 || this.done) return;
    if (status >= 300) return this.fail(`the far end refused the transfer (${status} ${reason})`);
    this.accepted = true;
    this.later(TRANSFER_WAIT_MS, () => this.fail(`the far end accepted the transfer but did not say within ${TRANSFER_WAIT_MS / 1000} s that it went through`));
  }

  /** The REFER transaction timed out, or could not be sent. */
  unanswered(reason: string): void {
    this.fail(`the far end did not answer the transfer (${reason})`);
  }

  /** A NOTIFY within the call's dialog; returns what to answer it with. */
  notified(notify: SipRequest): { status: number; reason: string } {
    const event = (notify.headers.get('event') ?? '').split(';')[0].trim().toLowerCase();
    if (event !== 'refer') return { status: 489, reason: 'Bad Event' };
    const reported = reportedStatus(notify);
    const terminated = /^\s*terminated\b/i.test(notify.headers.get('subscription-state') ?? '');
    if (reported && reported.status >= 200 && reported.status < 300) this.settle({ transferred: true });
    else if (reported && reported.status >= 300) this.fail(`the transfer target did not take the call (${reported.status} ${reported.reason})`);
    else if (terminated) this.fail('the far end ended the transfer without saying how it went');
    return { status: 200, reason: 'OK' };
  }

  /** The far end hung up: having accepted the REFER, it went to the target (a transferee may end our call at once). */
  farEndHungUp(): void {
    if (this.accepted) this.settle({ transferred: true });
    else this.fail('the far end hung up');
  }

  private fail(error: string): void {
    this.settle({ transferred: false, error });
  }

  private settle(result: TransferResult): void {
    if (this.done) return;
    this.done = true;
    this.settled(result);
  }
}
