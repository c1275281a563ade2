import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AMD_DEFAULTS } from '../../shared/campaigns/amdSettings';
import type { MediaEndpoint } from '../../main/telephony/media/endpoint';
import { openMediaEndpoint } from '../../main/telephony/media/openMediaEndpoint';
import { indexOfPcm, readWav } from '../media/audio';
import { removeTempFiles, tempFile } from '../support/tempFiles';
import { placeCall, sipProvider, trunkFor, waitFor } from './harness';
import { startSippUas } from './sipp';
import { machineClip, personClip, spokenWav, type FarEndClip } from './spokenClips';

type Spoken = Awaited<ReturnType<typeof spokenWav>>;
let machine: FarEndClip;
let person: FarEndClip;
let greeting: Spoken;
let message: Spoken;
beforeAll(async () => {
  [machine, person, greeting, message] = await Promise.all([
    machineClip(),
    personClip(),
    spokenWav('Hi, this is Dialwell calling about your order.'),
    spokenWav('Please call Dialwell back.'),
  ]);
});
afterAll(removeTempFiles);

/**
 * One call through our SIP UA with detection on (the default thresholds) and no conversation (the audio engine),
 * answered by SIPp streaming `clip` until we hang up. Returns its end and its recording (both directions,
 * sample 0 = the answer).
 */
async function screenedCall(clip: FarEndClip) {
  const sipp = await startSippUas('answer_and_speak.xml', { calls: 1, fill: { clip: clip.path } });
  const recordingPath = tempFile('call.wav');
  let endpoint: MediaEndpoint | undefined;
  const { provider, events } = sipProvider(trunkFor(sipp), {
    openMedia: async (plan, options) => (endpoint = await openMediaEndpoint(plan, options)),
    audioPlan: (r) => ({ callId: r.callId, from: r.from, to: r.to, agentUrl: null, greetingWav: greeting.path, voicemailWav: message.path, recordingPath }),
  });
  try {
    const request = await placeCall(provider, '+12125550001', { voicemailDetection: AMD_DEFAULTS, voicemailAction: 'leave_message' });
    await waitFor(() => events.types(request.callId).includes('answered'), 5000, 'the answer');
    await waitFor(() => events.ended(request.callId).length > 0, 15_000, 'the end of the call');
    const { code, output } = await sipp.exit;
    expect(code, output).toBe(0);
    await endpoint!.close();
    const [farEnd, sent] = readWav(recordingPath).channels;
    return { ended: events.ended(request.callId)[0], farEnd, sent };
  } finally {
    await provider.close();
    await sipp.stop();
  }
}

const ms = (samples: number) => samples / 8;
/**
 * How far apart the recording's two tracks may place one instant: what we sent sits on 20 ms send slots
 * (a late timer sends a slot's frame after its time), and what we received is placed from its first
 * packet's arrival (SIPp's first packet may leave late). Nothing can be sent before the audio that
 * decided it has arrived; the recording can still show it up to this early.
 */
const RECORDING_GRAIN_MS = 40;

/** Where `part` starts in `track` (samples), found by 200 ms of it from its first loud sample on, sample for sample. */
function startOf(track: Int16Array, part: Int16Array): number {
  const loud = part.findIndex((sample) => Math.abs(sample) > 200);
  const at = indexOfPcm(track, part.subarray(loud, loud + 1600));
  expect(at, 'found in the recording').toBeGreaterThanOrEqual(0);
  return at - loud;
}

/** When we started sending `what` (ms on the recording's timeline): all of it, with only silence before it. */
function sentFromMs(sent: Int16Array, what: Spoken): number {
  const at = startOf(sent, what.heard);
  expect(sent.subarray(0, at).every((sample) => sample === 0), 'only silence before it').toBe(true);
  return ms(at);
}

describe('answering-machine detection on a real SIP call (SIPp streaming espeak-ng speech)', () => {
  it('an answering machine: silence from us through its greeting, the voicemail message right after the beep, then BYE; outcome voicemail', async () => {
    const { ended, farEnd, sent } = await screenedCall(machine);
    expect(ended).toMatchObject({ outcome: 'voicemail', amd: { decision: 'machine', beep: true } });
    const beepEndMs = ms(startOf(farEnd, machine.pcm)) + machine.beepEndMs!;
    const messageFromMs = sentFromMs(sent, message);
    expect(messageFromMs - beepEndMs).toBeGreaterThanOrEqual(-RECORDING_GRAIN_MS);
    expect(messageFromMs - beepEndMs).toBeLessThan(150);
    // the whole message went out before we hung up
    const messageFrom = messageFromMs * 8;
    expect(sent.subarray(messageFrom, messageFrom + message.heard.length)).toEqual(message.heard);
  });

  it('a person: the greeting starts right after the decision, well before 3.5 s, and plays to its end, then BYE; outcome answered', async () => {
    const { ended, farEnd, sent } = await screenedCall(person);
    expect(ended).toMatchObject({ outcome: 'answered', amd: { decision: 'human', beep: null } });
    const clipMs = ms(startOf(farEnd, person.pcm));
    const greetingFromMs = sentFromMs(sent, greeting);
    expect(greetingFromMs).toBeGreaterThan(clipMs + person.speechEndMs);
    expect(greetingFromMs - (clipMs + ended.amd!.ms)).toBeGreaterThanOrEqual(-RECORDING_GRAIN_MS);
    expect(greetingFromMs - (clipMs + ended.amd!.ms)).toBeLessThan(150);
    expect(greetingFromMs).toBeLessThan(3500);
    const greetingFrom = greetingFromMs * 8;
    expect(sent.subarray(greetingFrom, greetingFrom + greeting.heard.length)).toEqual(greeting.heard);
  });
});
