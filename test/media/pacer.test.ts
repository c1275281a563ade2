import { describe, expect, it } from 'vitest';
import { startPacer } from '../../main/telephony/media/pacer';

const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('RTP pacer', () => {
  it('counts the frames a held-up event loop made late or skipped', async () => {
    const sent: number[] = [];
    const pacer = startPacer(20, performance.now(), (slot) => sent.push(slot));
    expect(pacer.lateFrames).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const lateBefore = pacer.lateFrames;
    // 200 ms without a turn of the event loop: ten slots come due meanwhile; five go out late at once, the rest are skipped
    busyFor(200);
    await new Promise((resolve) => setTimeout(resolve, 30));
    pacer.stop();
    expect(pacer.lateFrames - lateBefore).toBeGreaterThanOrEqual(9);
    // the slots sent are in order, without repeats
    expect(sent).toEqual([...new Set(sent)].sort((a, b) => a - b));
  });

  it('stops for good when a tick stops it, even one of a catch-up run', async () => {
    const sent: number[] = [];
    // slot 0 holds the loop up 70 ms, so the next run sends slots 1 to 4 at once; slot 2 stops the pacer
    const pacer = startPacer(20, performance.now(), (slot) => {
      sent.push(slot);
      if (slot === 0) busyFor(70);
      if (slot === 2) pacer.stop();
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(sent).toEqual([0, 1, 2]);
  });
});
