import { parentPort } from 'node:worker_threads';
import { toProcessTime } from '../../main/telephony/media/threadTime';
import { FakeRealtime } from '../support/fakeRealtime';
import { RtpPeer } from './rtpPeer';

/*
 * A thread of its own for a call's far ends, the phone (an RTP peer) and the engine (the fake Realtime server), so
 * that they go on while the test's thread is held up. Every time it reports is process-wide (threadTime.ts).
 */

export type FarEndRequest = { kind: 'converse'; endpointPort: number } | { kind: 'say' } | { kind: 'report' };
export type FarEndReply =
  | { kind: 'ready'; baseUrl: string; phonePort: number }
  | { kind: 'conversing' }
  | { kind: 'said'; at: number }
  | { kind: 'report'; appendedAt: number[]; spokenRtpAt: number[] };

/** The agent's audio: a μ-law tone, no byte of it silence. */
const AGENT_AUDIO = Buffer.alloc(8 * 2_000, 0x20);
/** The callee's: long enough to go on streaming all through a test. */
const CALLEE_AUDIO = new Uint8Array(8 * 10_000).fill(0x30);

const port = parentPort!;
const fake = await FakeRealtime.start();
const phone = await RtpPeer.open();
const appendedAt: number[] = [];
let session: Awaited<ReturnType<FakeRealtime['nextSession']>> | null = null;

port.on('message', async (request: FarEndRequest) => {
  if (request.kind === 'converse') {
    session = await fake.nextSession();
    session.onEvent((event) => event.type === 'input_audio_buffer.append' && appendedAt.push(toProcessTime(performance.now())));
    await session.next('session.update');
    phone.stream({ address: '127.0.0.1', port: request.endpointPort }, 0, CALLEE_AUDIO);
    await session.audioReaches(160 * 5);
    port.postMessage({ kind: 'conversing' } satisfies FarEndReply);
  } else if (request.kind === 'say') {
    session!.say('A long sentence.', AGENT_AUDIO);
    port.postMessage({ kind: 'said', at: toProcessTime(performance.now()) } satisfies FarEndReply);
  } else {
    const spokenRtpAt = phone.received.flatMap(({ packet }, i) => (packet.payload.every((b) => b === 0x20) ? [toProcessTime(phone.arrivals[i])] : []));
    port.postMessage({ kind: 'report', appendedAt, spokenRtpAt } satisfies FarEndReply);
  }
});
port.postMessage({ kind: 'ready', baseUrl: fake.baseUrl, phonePort: phone.port } satisfies FarEndReply);
