import { beforeAll, describe, expect, it } from 'vitest';
import { BeepDetector } from '../../main/telephony/media/amd/beepDetector';
import type { AmdVerdict } from '../../main/telephony/media/amd/classifier';
import { percentile } from '../bench/measure';
import { loadCorpus, type Clip } from './corpus';
import { receivedFrames, replay } from './replay';

/** 300 clips: 150 people and 150 machines, half of each held out from tuning. */
const PER_LABEL = 150;

let heldOut: Clip[];
let results: { clip: Clip; detector: ReturnType<typeof replay> }[];

beforeAll(async () => {
  const clips = await loadCorpus(PER_LABEL);
  heldOut = clips.filter((clip) => clip.spec.half === 'heldOut');
  results = heldOut.map((clip) => ({ clip, detector: replay(clip.ulaw) }));
}, 180_000);

const verdictOf = (result: (typeof results)[number]): AmdVerdict | 'none' => result.detector.decision?.decision ?? 'none';

describe('AMD on the held-out half of the spoken corpus', () => {
  it('is made of both labels, half of each held out, with greetings of 3–12 s', () => {
    expect(heldOut).toHaveLength(PER_LABEL);
    expect(heldOut.filter((clip) => clip.spec.label === 'human')).toHaveLength(PER_LABEL / 2);
    const greetings = heldOut.filter((clip) => clip.spec.label === 'machine').map((clip) => clip.speechEndMs - clip.speechStartMs);
    expect(Math.min(...greetings)).toBeGreaterThan(3000);
    expect(Math.max(...greetings)).toBeLessThan(12_500);
  });

  it('tells people from machines: accuracy ≥ 90 %, people called machines ≤ 3 %, median decision ≤ 2.5 s', () => {
    const verdicts = ['human', 'machine', 'unknown', 'none'] as const;
    const matrix = Object.fromEntries(
      (['human', 'machine'] as const).map((label) => [
        label,
        Object.fromEntries(verdicts.map((verdict) => [verdict, results.filter((r) => r.clip.spec.label === label && verdictOf(r) === verdict).length])),
      ]),
    ) as Record<'human' | 'machine', Record<(typeof verdicts)[number], number>>;
    const times = results.map((r) => r.detector.decision?.ms ?? Infinity);
    const accuracy = results.filter((r) => verdictOf(r) === r.clip.spec.label).length / results.length;
    const humansAsMachines = matrix.human.machine / (PER_LABEL / 2);
    console.log('AMD held-out confusion matrix (rows: truth, columns: decision)');
    console.table(matrix);
    console.log(
      `AMD held-out: accuracy ${(accuracy * 100).toFixed(1)} %, humans called machines ${(humansAsMachines * 100).toFixed(1)} %,` +
        ` decision median ${percentile(times, 50)} ms, p95 ${percentile(times, 95)} ms`,
    );
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    expect(humansAsMachines).toBeLessThanOrEqual(0.03);
    expect(percentile(times, 50)).toBeLessThanOrEqual(2500);
    expect(Math.max(...times)).toBeLessThanOrEqual(3500);
  });

  it('starts the message after the beep, or after the greeting when there is none, never over the greeting', () => {
    const machines = results.filter((r) => r.clip.spec.label === 'machine' && verdictOf(r) === 'machine');
    const withBeep = machines.filter((r) => r.clip.beepEndMs !== null);
    const onTheBeep = withBeep.filter((r) => {
      const start = r.detector.messageStart;
      return start?.beep && start.atMs >= r.clip.beepEndMs! && start.atMs <= r.clip.beepEndMs! + 2 * 20;
    });
    const reasons = machines.map((r) => r.detector.messageStart?.reason ?? 'none');
    console.log(`AMD held-out message start: ${onTheBeep.length} of ${withBeep.length} beeps caught as they ended; reasons ${JSON.stringify(count(reasons))}`);
    expect(onTheBeep.length / withBeep.length).toBeGreaterThanOrEqual(0.9);
    for (const r of machines) {
      expect(r.detector.messageStart, r.clip.spec.id).not.toBeNull();
      expect(r.detector.messageStart!.atMs, r.clip.spec.id).toBeGreaterThanOrEqual(r.clip.speechEndMs);
      if (r.clip.beepEndMs === null) expect(r.detector.messageStart!.beep, r.clip.spec.id).toBe(false);
    }
  });

  it("hears every beep and no other: not in people's speech, greetings, chords or off-band tones", () => {
    for (const clip of heldOut) {
      const detector = new BeepDetector();
      const heardEnds = [...receivedFrames(clip.ulaw)].flatMap((frame) => detector.push(frame)?.endMs ?? []);
      expect(heardEnds.length, clip.spec.id).toBe(clip.beepEndMs === null ? 0 : 1);
      // a frame's end is the finest time it can give
      if (clip.beepEndMs !== null) expect(Math.abs(heardEnds[0] - clip.beepEndMs), clip.spec.id).toBeLessThanOrEqual(20);
    }
  });
});

function count(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
