/**
 * `npx tsx test/amd/tune.ts`: sweeps the classifier's thresholds on the TUNING half of the corpus (never
 * the held-out half, which only the corpus test reads) and prints the best settings first: fewest people
 * called machines, then most right, then the quickest median decision. The VAD and the beep detector do
 * not depend on the thresholds, so each clip's frames go through them once.
 */
import { AMD_DEFAULTS, type AmdSettings } from '../../shared/campaigns/amdSettings';
import { BeepDetector } from '../../main/telephony/media/amd/beepDetector';
import { decideAmd } from '../../main/telephony/media/amd/classifier';
import { EnergyVad } from '../../main/telephony/media/amd/energyVad';
import { WordTracker } from '../../main/telephony/media/amd/words';
import { percentile } from '../bench/measure';
import { loadCorpus } from './corpus';
import { receivedFrames } from './replay';

const SWEEP = {
  greetingMs: [1500, 1600, 1700, 1800, 2000],
  afterGreetingSilenceMs: [550, 600, 650, 700, 800],
  maxWords: [4, 5, 6],
  betweenWordsSilenceMs: [40, 60, 80],
  minWordMs: [60, 80, 100, 120],
};

const clips = (await loadCorpus(150))
  .filter((clip) => clip.spec.half === 'tuning')
  .map((clip) => {
    const vad = new EnergyVad();
    const beeps = new BeepDetector();
    const frames = [...receivedFrames(clip.ulaw)].slice(0, AMD_DEFAULTS.totalAnalysisMs / 20).map((frame) => {
      beeps.push(frame);
      return { voiced: vad.push(frame).voiced, beep: beeps.sounding };
    });
    return { label: clip.spec.label, frames };
  });

function score(settings: AmdSettings) {
  let right = 0;
  let humansAsMachines = 0;
  const times = clips.map(({ label, frames }) => {
    const words = new WordTracker(settings);
    for (const { voiced, beep } of frames) {
      words.push(voiced);
      const decision = decideAmd(words, beep, settings);
      if (!decision) continue;
      if (decision.decision === label) right++;
      if (label === 'human' && decision.decision === 'machine') humansAsMachines++;
      return decision.ms;
    }
    return Infinity;
  });
  return { humansAsMachines, right, of: clips.length, medianMs: percentile(times, 50), p95Ms: percentile(times, 95) };
}

let grid: Partial<AmdSettings>[] = [{}];
for (const [key, values] of Object.entries(SWEEP)) grid = grid.flatMap((partial) => values.map((value) => ({ ...partial, [key]: value })));
const rows = grid.map((partial) => ({ ...partial, ...score({ ...AMD_DEFAULTS, ...partial }) }));
rows.sort((a, b) => a.humansAsMachines - b.humansAsMachines || b.right - a.right || a.medianMs - b.medianMs);
console.log('defaults', JSON.stringify(score(AMD_DEFAULTS)));
for (const row of rows.slice(0, 15)) console.log(JSON.stringify(row));
