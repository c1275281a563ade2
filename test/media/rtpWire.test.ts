import { afterEach, describe, expect, it, vi } from 'vitest';
import { openRtpWire, type RtpWire, type WireListener } from '../../main/telephony/media/rtpWire';
import { RtpPeer } from './rtpPeer';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

/** A wire on the media thread whose losses are written to `lost`, named. */
async function wire(name: string, lost: string[]): Promise<RtpWire> {
  const listener: WireListener = { received() {}, sent() {}, marksPlayed() {}, lost: (reason) => lost.push(`${name}: ${reason}`) };
  const opening = await openRtpWire('127.0.0.1', listener);
  opened.push(opening);
  return opening;
}

describe('the media thread', () => {
  it('stops a call whose audio fails alone, saying why: the other calls on the thread carry on', async () => {
    const lost: string[] = [];
    const peer = await RtpPeer.open();
    opened.push(peer);
    const [bad, good] = [await wire('bad', lost), await wire('good', lost)];
    await good.start({ address: '127.0.0.1', port: peer.port }, 'PCMU', performance.now(), { sent: false, received: false });
    // a port no datagram can go to: the first send throws on the media thread
    await expect(bad.start({ address: '127.0.0.1', port: 70_000 }, 'PCMU', performance.now(), { sent: false, received: false })).rejects.toThrow(/cannot start/);
    expect(lost).toEqual([expect.stringMatching(/^bad: the call's audio stopped: .*70000/)]);
    const sent = good.stats.packetsSent;
    await vi.waitFor(() => expect(good.stats.packetsSent).toBeGreaterThan(sent + 5), { timeout: 5000 });
    expect(peer.received.length).toBeGreaterThan(5);
    expect(lost).toHaveLength(1);
  });
});
