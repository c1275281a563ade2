import { describe, expect, it } from 'vitest';
import { Playout } from '../../main/telephony/media/playout';

const bytes = (length: number, value: number) => new Uint8Array(length).fill(value);

describe('Playout', () => {
  it('cuts queued audio into 160-byte frames, padding the last with silence', () => {
    const playout = new Playout(0xff);
    playout.enqueue(bytes(100, 1));
    playout.enqueue(bytes(100, 2));
    const first = playout.nextFrame().frame;
    expect([...first.subarray(0, 100)]).toEqual([...bytes(100, 1)]);
    expect([...first.subarray(100)]).toEqual([...bytes(60, 2)]);
    const second = playout.nextFrame().frame;
    expect([...second]).toEqual([...bytes(40, 2), ...bytes(120, 0xff)]);
    expect([...playout.nextFrame().frame]).toEqual([...bytes(160, 0xff)]);
  });

  it('reports a mark with the frame that finishes the audio queued before it', () => {
    const playout = new Playout(0xd5);
    playout.enqueue(bytes(320, 1));
    playout.mark('a');
    playout.enqueue(bytes(160, 2));
    playout.mark('b');
    expect(playout.nextFrame().marksPlayed).toEqual([]);
    expect(playout.nextFrame().marksPlayed).toEqual(['a']);
    expect(playout.nextFrame().marksPlayed).toEqual(['b']);
    playout.mark('idle');
    expect(playout.nextFrame().marksPlayed).toEqual(['idle']);
  });

  it('clears queued audio and hands back the marks still waiting', () => {
    const playout = new Playout(0xff);
    playout.enqueue(bytes(1600, 1));
    playout.mark('end');
    playout.nextFrame();
    expect(playout.clear()).toEqual(['end']);
    expect(playout.nextFrame()).toEqual({ frame: bytes(160, 0xff), marksPlayed: [] });
    playout.enqueue(bytes(160, 3));
    playout.mark('next');
    expect(playout.nextFrame()).toEqual({ frame: bytes(160, 3), marksPlayed: ['next'] });
  });
});
