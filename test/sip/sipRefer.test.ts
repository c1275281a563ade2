import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../main/platform/clock';
import type { TransferResult } from '../../main/telephony/media/endpoint';
import { Dialog } from '../../main/telephony/sip/dialog';
import { parseMessage, serializeMessage, type SipRequest, type SipResponse } from '../../main/telephony/sip/message';
import { Referral, referRequest, TRANSFER_WAIT_MS } from '../../main/telephony/sip/refer';

const lines = (...text: string[]) => text.join('\r\n');

const INVITE = parseMessage(
  lines(
    'INVITE sip:+12125550001@trunk.example:5060 SIP/2.0',
    'Via: SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bKinvite;rport',
    'From: <sip:+12025550100@trunk.example>;tag=ours',
    'To: <sip:+12125550001@trunk.example>',
    'Call-ID: c1@dialwell',
    'CSeq: 2 INVITE',
    '',
    '',
  ),
) as SipRequest;

const ANSWER = parseMessage(
  lines(
    'SIP/2.0 200 OK',
    'Via: SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bKinvite;rport',
    'From: <sip:+12025550100@trunk.example>;tag=ours',
    'To: <sip:+12125550001@trunk.example>;tag=theirs',
    'Call-ID: c1@dialwell',
    'CSeq: 2 INVITE',
    'Contact: <sip:callee@10.0.0.7:5090>',
    'Record-Route: <sip:proxy2.example;lr>, <sip:proxy1.example;lr>',
    '',
    '',
  ),
) as SipResponse;

const response = (status: number, reason: string) => parseMessage(lines(`SIP/2.0 ${status} ${reason}`, 'CSeq: 3 REFER', '', '')) as SipResponse;

/** A NOTIFY of the refer subscription whose body is the target's answer, as the far end sends it. */
function notify(statusLine: string | null, { event = 'refer', state = 'active;expires=60' } = {}): SipRequest {
  const body = statusLine ? `${statusLine}\r\n` : '';
  return parseMessage(
    lines('NOTIFY sip:+12025550100@10.0.0.1:5070 SIP/2.0', `Event: ${event}`, `Subscription-State: ${state}`, 'Content-Type: message/sipfrag;version=2.0', `Content-Length: ${body.length}`, '', body),
  ) as SipRequest;
}

/** A Referral on a virtual clock, with what it settled as. */
function referral() {
  const clock = new VirtualClock(Date.UTC(2027, 0, 13, 15));
  const settled: TransferResult[] = [];
  const transfer = new Referral(
    (result) => settled.push(result),
    (ms, run) => void clock.at(clock.now() + ms, run),
  );
  return { clock, settled, transfer };
}

describe('the REFER of a cold transfer', () => {
  it('is an in-dialog request to the remote target, through the route set, naming the target, us and our Contact', () => {
    const dialog = new Dialog(INVITE, ANSWER);
    const refer = referRequest(dialog, 'SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bKrefer;rport', {
      referTo: 'sip:+15551234567@trunk.example',
      referredBy: 'sip:+12025550100@trunk.example',
      contact: '<sip:+12025550100@10.0.0.1:5070>',
    });
    const wire = parseMessage(serializeMessage(refer)) as SipRequest;
    expect(wire.method).toBe('REFER');
    expect(wire.uri).toBe('sip:callee@10.0.0.7:5090');
    const header = (name: string) => wire.headers.get(name);
    expect(header('cseq')).toBe('3 REFER');
    expect(header('from')).toBe('<sip:+12025550100@trunk.example>;tag=ours');
    expect(header('to')).toBe('<sip:+12125550001@trunk.example>;tag=theirs');
    expect(header('call-id')).toBe('c1@dialwell');
    expect(wire.headers.all('route')).toEqual(['<sip:proxy1.example;lr>', '<sip:proxy2.example;lr>']);
    expect(header('refer-to')).toBe('<sip:+15551234567@trunk.example>');
    expect(header('referred-by')).toBe('<sip:+12025550100@trunk.example>');
    expect(header('contact')).toBe('<sip:+12025550100@10.0.0.1:5070>');
    expect(dialog.nextHop).toEqual({ host: 'proxy1.example', port: 5060 });
    // the BYE after it takes the next number
    expect(dialog.next('BYE', 'SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bKbye').headers.get('cseq')).toBe('4 BYE');
  });
});

describe('a transfer by REFER, as the far end answers it', () => {
  it('202, then NOTIFYs of the target ringing and answering: transferred on the 2xx, each NOTIFY answered 200', () => {
    const { transfer, settled } = referral();
    transfer.answered(response(100, 'Trying'));
    transfer.answered(response(202, 'Accepted'));
    expect(transfer.notified(notify('SIP/2.0 100 Trying'))).toEqual({ status: 200, reason: 'OK' });
    expect(transfer.notified(notify('SIP/2.0 180 Ringing'))).toEqual({ status: 200, reason: 'OK' });
    expect(settled).toEqual([]);
    expect(transfer.notified(notify('SIP/2.0 200 OK', { state: 'terminated;reason=noresource' }))).toEqual({ status: 200, reason: 'OK' });
    expect(settled).toEqual([{ transferred: true }]);
  });

  it('202, then the far end hangs up on us without a NOTIFY: transferred; a hang-up before the 202: failed', () => {
    const accepted = referral();
    accepted.transfer.answered(response(202, 'Accepted'));
    accepted.transfer.farEndHungUp();
    expect(accepted.settled).toEqual([{ transferred: true }]);

    const pending = referral();
    pending.transfer.farEndHungUp();
    expect(pending.settled).toEqual([{ transferred: false, error: 'the far end hung up' }]);
  });

  it('a refused REFER fails with its status, once: what comes after it changes nothing', () => {
    const { transfer, settled } = referral();
    transfer.answered(response(403, 'Forbidden'));
    expect(transfer.notified(notify('SIP/2.0 200 OK'))).toEqual({ status: 200, reason: 'OK' });
    transfer.farEndHungUp();
    expect(settled).toEqual([{ transferred: false, error: 'the far end refused the transfer (403 Forbidden)' }]);
  });

  it('the target refusing, or the subscription ending without an answer, fails the transfer', () => {
    const busy = referral();
    busy.transfer.answered(response(202, 'Accepted'));
    busy.transfer.notified(notify('SIP/2.0 486 Busy Here', { state: 'terminated;reason=noresource' }));
    expect(busy.settled).toEqual([{ transferred: false, error: 'the transfer target did not take the call (486 Busy Here)' }]);

    const silent = referral();
    silent.transfer.answered(response(202, 'Accepted'));
    silent.transfer.notified(notify(null, { state: 'terminated;reason=timeout' }));
    expect(silent.settled).toEqual([{ transferred: false, error: 'the far end ended the transfer without saying how it went' }]);
  });

  it('a NOTIFY of another event is refused with 489 and does not settle anything', () => {
    const { transfer, settled } = referral();
    transfer.answered(response(202, 'Accepted'));
    expect(transfer.notified(notify('SIP/2.0 200 OK', { event: 'dialog' }))).toEqual({ status: 489, reason: 'Bad Event' });
    expect(settled).toEqual([]);
  });

  it('no answer to the REFER, or no word within the wait after its 202, fails the transfer', async () => {
    const unanswered = referral();
    unanswered.transfer.unanswered('no response (timer F)');
    expect(unanswered.settled).toEqual([{ transferred: false, error: 'the far end did not answer the transfer (no response (timer F))' }]);

    const { clock, transfer, settled } = referral();
    transfer.answered(response(202, 'Accepted'));
    transfer.notified(notify('SIP/2.0 100 Trying'));
    await clock.runUntil(clock.now() + TRANSFER_WAIT_MS - 1);
    expect(settled).toEqual([]);
    await clock.runUntil(clock.now() + 1);
    expect(settled).toEqual([{ transferred: false, error: `the far end accepted the transfer but did not say within ${TRANSFER_WAIT_MS / 1000} s that it went through` }]);
  });
});
