import { describe, expect, it } from 'vitest';
import type { CallEvent, PlaceCallRequest, ProviderCallStatus, TelephonyProvider } from '../../main/telephony/port';
import { AMD_DEFAULTS, type AmdResult } from '../../shared/campaigns/amdSettings';
import type { CallOutcome } from '../../shared/campaigns/types';
import { openWorld } from './dialerFixtures';

/** A provider that keeps every request and ends each call when the test says, with what detection found. */
class RecordingProvider implements TelephonyProvider {
  readonly name = 'simulator';
  readonly requests: PlaceCallRequest[] = [];
  private readonly listeners = new Set<(event: CallEvent) => void>();

  constructor(private readonly now: () => number) {}

  async placeCall(request: PlaceCallRequest): Promise<void> {
    this.requests.push(request);
    this.emit({ callId: request.callId, type: 'dialing', at: this.now() });
  }

  /** Answers the call to `to` (unless it was not answered) and ends it. */
  end(to: string, outcome: CallOutcome, amd?: AmdResult): void {
    const { callId } = this.requests.find((r) => r.to === to)!;
    if (amd) this.emit({ callId, type: 'answered', at: this.now() });
    this.emit({ callId, type: 'ended', at: this.now() + 1000, outcome, amd });
  }

  async hangup(callId: string): Promise<void> {
    this.emit({ callId, type: 'ended', at: this.now(), outcome: 'cancelled' });
  }

  async status(): Promise<ProviderCallStatus> {
    return { state: 'unknown' };
  }

  onEvent(listener: (event: CallEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {}

  private emit(event: CallEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

async function worldWithRecorder() {
  let provider: RecordingProvider | undefined;
  const w = await openWorld({ core: { providers: { simulator: (provider = new RecordingProvider(() => w.clock.now())) } } });
  return { w, provider: provider! };
}

describe('dialer: voicemail detection settings in, results out', () => {
  it("places each call with the campaign's detection settings, and none when the campaign has detection off", async () => {
    const { w, provider } = await worldWithRecorder();
    const [on, off] = await w.addContacts(2);
    const detecting = await w.createCampaign({ amdMaxMs: 4000, amdThresholds: { greetingMs: 2000 } });
    const silent = await w.createCampaign({ voicemailDetection: false, amdThresholds: { greetingMs: 2200 } });
    await w.enrol(detecting.id, [on.id]);
    await w.enrol(silent.id, [off.id]);
    await w.run(detecting.id, 'start');
    await w.run(silent.id, 'start');
    const sentTo = (phone: string) => provider.requests.find((r) => r.to === phone)!;
    expect(sentTo(on.phone!).voicemailDetection).toEqual({ ...AMD_DEFAULTS, totalAnalysisMs: 4000, greetingMs: 2000 });
    expect(sentTo(off.phone!).voicemailDetection).toBeNull();
  });

  it('stores what detection found with the end of the call, and shows it on the dashboard and in the calls list', async () => {
    const { w, provider } = await worldWithRecorder();
    const [person, machine, nobody] = await w.addContacts(3);
    const campaign = await w.createCampaign({ maxConcurrentCalls: 3, maxAttemptsPerContact: 1 });
    await w.enrol(campaign.id, [person.id, machine.id, nobody.id]);
    await w.run(campaign.id, 'start');
    expect(provider.requests).toHaveLength(3);

    provider.end(person.phone!, 'answered', { decision: 'human', ms: 900, beep: null });
    provider.end(machine.phone!, 'voicemail', { decision: 'machine', ms: 2100, beep: true });
    provider.end(nobody.phone!, 'no_answer');

    const stored = w.sqlite.prepare('SELECT to_number AS toNumber, outcome, amd_decision AS decision, amd_ms AS ms, amd_beep AS beep FROM calls ORDER BY to_number').all();
    expect(stored).toEqual(
      [
        { toNumber: person.phone, outcome: 'answered', decision: 'human', ms: 900, beep: null },
        { toNumber: machine.phone, outcome: 'voicemail', decision: 'machine', ms: 2100, beep: 1 },
        { toNumber: nobody.phone, outcome: 'no_answer', decision: null, ms: null, beep: null },
      ].sort((a, b) => a.toNumber!.localeCompare(b.toNumber!)),
    );

    const dashboard = await w.api.invoke('campaigns.dashboard', { id: campaign.id });
    expect(dashboard.amd).toEqual({ human: 1, machine: 1, unknown: 0 });
    const amdTo = (calls: { toNumber: string; amd: AmdResult | null }[]) => Object.fromEntries(calls.map((c) => [c.toNumber, c.amd]));
    const expected = {
      [person.phone!]: { decision: 'human', ms: 900, beep: null },
      [machine.phone!]: { decision: 'machine', ms: 2100, beep: true },
      [nobody.phone!]: null,
    };
    expect(amdTo(dashboard.recentCalls)).toEqual(expected);
    expect(amdTo((await w.api.invoke('calls.list', { campaignId: campaign.id })).items)).toEqual(expected);
  });
});
