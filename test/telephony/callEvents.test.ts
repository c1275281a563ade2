import { describe, expect, it } from 'vitest';
import { CallEvents, ENDED_KEPT } from '../../main/telephony/callEvents';

describe('CallEvents', () => {
  it('answers status() for the latest ENDED_KEPT ended calls and forgets older ones, oldest first', () => {
    const events = new CallEvents();
    const heard: string[] = [];
    events.on((e) => heard.push(e.callId));
    const end = (i: number) => events.emit({ type: 'ended', callId: `call_${i}`, at: i, outcome: i % 2 ? 'busy' : 'answered' });
    for (let i = 0; i < ENDED_KEPT + 3; i++) end(i);
    // a repeated end of a remembered call does not take a second place
    end(ENDED_KEPT + 2);
    expect(heard).toHaveLength(ENDED_KEPT + 4);
    for (const i of [0, 1, 2]) expect(events.status(`call_${i}`, false)).toEqual({ state: 'unknown' });
    expect(events.status('call_3', false)).toEqual({ state: 'ended', outcome: 'busy' });
    expect(events.status(`call_${ENDED_KEPT + 2}`, false)).toEqual({ state: 'ended', outcome: 'answered' });
    expect(events.status('call_3', true)).toEqual({ state: 'active' });
    end(ENDED_KEPT + 3);
    expect(events.status('call_3', false)).toEqual({ state: 'unknown' });
    expect(events.status('call_4', false)).toEqual({ state: 'ended', outcome: 'answered' });
  });
});
