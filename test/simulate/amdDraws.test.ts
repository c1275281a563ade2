import { describe, expect, it } from 'vitest';
import { AMD_DEFAULTS, type AmdResult } from '../../shared/campaigns/amdSettings';
import { VirtualClock } from '../../main/platform/clock';
import type { CallEvent } from '../../main/telephony/port';
import { SimulatorProvider, type SimulatedDetection, type SimulatorOptions } from '../../main/telephony/simulator';
import { scenarioSchema } from '../../main/simulate/scenario';
import { issueFields } from '../../shared/validation';
import { callRequest, recordEvents } from '../dialer/providerContract';

const T0 = Date.parse('2027-10-04T13:00:00Z');
type Ended = Extract<CallEvent, { type: 'ended' }>;

/** Places `n` calls (in batches, so few timers are pending at once) and returns each one's end and detection. */
async function place(options: Omit<SimulatorOptions, 'clock' | 'onDetection'>, n: number, detection = true) {
  const clock = new VirtualClock(T0);
  const detections = new Map<string, SimulatedDetection>();
  const provider = new SimulatorProvider({ clock, ...options, onDetection: (callId, d) => detections.set(callId, d) });
  const events = recordEvents(provider);
  const ids: string[] = [];
  for (let start = 0; start < n; start += 500) {
    for (let i = start; i < Math.min(n, start + 500); i++) {
      const request = { ...callRequest(`+1212555${String(i % 10_000).padStart(4, '0')}`, '+12125550900'), voicemailDetection: detection ? AMD_DEFAULTS : null };
      ids.push(request.callId);
      await provider.placeCall(request);
    }
    await clock.runUntil(clock.now() + 1_000_000);
  }
  await provider.close();
  return ids.map((callId) => ({ ended: events.ended(callId)[0] as Ended, detection: detections.get(callId), offsets: events.of(callId).map((e) => e.at - T0) }));
}

const RATES = { machineRate: 0.3, humanAsMachineRate: 0.05, machineAsHumanRate: 0.1, unknownRate: 0.08 };

describe('simulated answering-machine detection', () => {
  it('draws who answers and what detection decides at the scenario’s rates', async () => {
    const calls = await place({ seed: 5, outcomeMix: { answered: 1 }, amd: RATES }, 10_000);
    const share = (of: SimulatedDetection[], decision: AmdResult['decision']) => of.filter((d) => d.result.decision === decision).length / of.length;
    const detections = calls.map((c) => c.detection!);
    const people = detections.filter((d) => d.truth === 'human');
    const machines = detections.filter((d) => d.truth === 'machine');
    expect(Math.abs(machines.length / calls.length - RATES.machineRate)).toBeLessThan(0.015);
    expect(Math.abs(share(people, 'machine') - RATES.humanAsMachineRate)).toBeLessThan(0.012);
    expect(Math.abs(share(people, 'unknown') - RATES.unknownRate)).toBeLessThan(0.012);
    expect(Math.abs(share(machines, 'human') - RATES.machineAsHumanRate)).toBeLessThan(0.025);
    expect(Math.abs(share(machines, 'unknown') - RATES.unknownRate)).toBeLessThan(0.025);
    const heard = machines.filter((d) => d.result.decision === 'machine');
    expect(Math.abs(heard.filter((d) => d.result.beep).length / heard.length - 0.9)).toBeLessThan(0.025);
  });

  it('ends a call as detection decided, with its result on the ended event, decided in time', async () => {
    const calls = await place({ seed: 6, amd: RATES }, 2000);
    let detected = 0;
    for (const { ended, detection } of calls) {
      if (!detection) {
        expect(['answered', 'voicemail']).not.toContain(ended.outcome);
        expect(ended.amd).toBeUndefined();
        continue;
      }
      detected++;
      const { decision, ms, beep } = detection.result;
      expect(ended.amd).toEqual(detection.result);
      expect(ended.outcome).toBe(decision === 'machine' ? 'voicemail' : 'answered');
      // a machine's greeting ran past greetingMs; a person spoke a word, then waited; unknown: nothing said in time
      const earliest = { machine: AMD_DEFAULTS.greetingMs, human: AMD_DEFAULTS.minWordMs + AMD_DEFAULTS.afterGreetingSilenceMs, unknown: AMD_DEFAULTS.initialSilenceMs };
      expect(ms).toBeGreaterThanOrEqual(earliest[decision]);
      expect(ms).toBeLessThanOrEqual(AMD_DEFAULTS.totalAnalysisMs);
      // only a machine's greeting can end in a beep; a person's decision has none to speak of
      if (decision !== 'machine') expect(beep).toBeNull();
      else if (detection.truth === 'human') expect(beep).toBe(false);
    }
    expect(detected).toBeGreaterThan(500);
  });

  it('is seeded: the same seed draws the same detections', async () => {
    const a = await place({ seed: 9, amd: RATES }, 500);
    const b = await place({ seed: 9, amd: RATES }, 500);
    expect(a.map((c) => c.detection)).toEqual(b.map((c) => c.detection));
  });

  it('with detection off, or on with a perfect detector, leaves the outcome mix and every timing as they were', async () => {
    const off = await place({ seed: 3 }, 1000, false);
    const perfect = await place({ seed: 3 }, 1000, true);
    expect(off.every((c) => c.ended.amd === undefined && c.detection === undefined)).toBe(true);
    expect(perfect.map((c) => c.ended.outcome)).toEqual(off.map((c) => c.ended.outcome));
    expect(perfect.map((c) => c.offsets)).toEqual(off.map((c) => c.offsets));
    expect(perfect.filter((c) => c.ended.amd).length).toBeGreaterThan(300);
  });
});

describe('the scenario’s amd rates', () => {
  const errors = (amd: unknown) => {
    const parsed = scenarioSchema.safeParse({ start: '2027-10-04T13:00:00Z', fromNumbers: ['+12125550900'], amd });
    return parsed.success ? {} : Object.fromEntries(issueFields(parsed.error.issues));
  };

  it('default to a detector that never errs, with who answers left to the outcome mix', () => {
    expect(scenarioSchema.parse({ start: '2027-10-04T13:00:00Z', fromNumbers: ['+12125550900'], amd: {} }).amd).toEqual({ humanAsMachineRate: 0, machineAsHumanRate: 0, unknownRate: 0 });
  });

  it('name every bad field: out of range, not a number, unknown, or more than the whole with unknownRate', () => {
    expect(errors({ machineRate: 1.5, humanAsMachineRate: -0.1, machineAsHumanRate: 'often', guess: 1 })).toEqual({
      'amd.machineRate': 'Must be at most 1',
      'amd.humanAsMachineRate': 'Must be at least 0',
      'amd.machineAsHumanRate': 'Must be a number from 0 to 1',
      'amd.guess': 'Unknown field',
    });
    expect(errors({ humanAsMachineRate: 0.6, machineAsHumanRate: 0.5, unknownRate: 0.5 })).toEqual({ 'amd.humanAsMachineRate': 'With unknownRate, must add up to at most 1' });
  });
});
