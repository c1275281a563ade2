import { startPacer } from '../../main/telephony/media/pacer';
import { FRAME_MS } from '../../main/telephony/media/g711';
import type { ChildFailure } from './benchChild';

/*
 * The machine's own floor under pacer slip, in a process of its own (realtimeBridge.bench.ts forks it): the product's
 * pacer, as many as there are calls, spread over one frame's time as the calls' are, with nothing to do on a tick. A
 * frame it counts late is a wake-up the machine gave late (a process that sleeps between timers and is woken after
 * its deadline), which no bridge can do better than.
 */


export type PacerFloorRequest = { type: 'run'; pacers: number; seconds: number };

export type PacerFloorReply = { type: 'ready' } | { type: 'ran'; frames: number; lateFrames: number } | ChildFailure;

const reply = (message: PacerFloorReply) => process.send!(message);

async function run(pacers: number, seconds: number): Promise<Extract<PacerFloorReply, { type: 'ran' }>> {
  const started = performance.now();
  const running = Array.from({ length: pacers }, (_, i) => startPacer(FRAME_MS, started + (i * FRAME_MS) / pacers, () => {}));
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  running.forEach((pacer) => pacer.stop());
  return { type: 'ran', frames: (pacers * seconds * 1000) / FRAME_MS, lateFrames: running.reduce((sum, pacer) => sum + pacer.lateFrames, 0) };
}

process.on('message', (request: PacerFloorRequest) => {
  run(request.pacers, request.seconds).then(reply, (error: Error) => reply({ type: 'failed', message: error.message }));
});
// the process under test is done with us (or gone): nothing of ours may keep this one alive
process.on('disconnect', () => process.exit(0));
reply({ type: 'ready' });
