import { writeFileSync } from 'node:fs';
import { decodeG711, encodeG711 } from '../../main/telephony/media/g711';
import { speak } from '../amd/corpus';
import { concat, silence } from '../amd/signals';
import { tone, wavFile } from '../media/audio';
import { tempFile } from '../support/tempFiles';

/** What a SIPp far end says on answering, as it streams it. */
export interface FarEndClip {
  /** Raw 8 kHz μ-law, for SIPp's rtp_stream. */
  path: string;
  /** The same audio as our side decodes it. */
  pcm: Int16Array;
  /** Where its speech ends, in ms from the clip's start. */
  speechEndMs: number;
  /** Where its beep ends, in ms from the clip's start; null without one. */
  beepEndMs: number | null;
}

/** The line is quiet for this long after the answer before anyone speaks, as on a real call. */
const LEAD_MS = 300;
const BEEP_MS = 500;
const BEEP_GAP_MS = 300;

function farEndClip(speech: Int16Array, after: Int16Array[], beep: boolean): FarEndClip {
  const ulaw = encodeG711('PCMU', concat(silence(LEAD_MS / 1000), speech, ...after));
  const path = tempFile('clip.ul');
  writeFileSync(path, ulaw);
  const speechEndMs = LEAD_MS + speech.length / 8;
  return { path, pcm: decodeG711('PCMU', ulaw), speechEndMs, beepEndMs: beep ? speechEndMs + BEEP_GAP_MS + BEEP_MS : null };
}

/** An answering machine: its greeting (spoken by espeak-ng, about 4 s), a 1 kHz beep, then the silence it records. */
export async function machineClip(): Promise<FarEndClip> {
  const greeting = await speak("Hi, you've reached Jordan Baker. Please leave a message after the tone.");
  return farEndClip(greeting, [silence(BEEP_GAP_MS / 1000), tone(1000, BEEP_MS / 1000), silence(3)], true);
}

/** A person: "Hello?", then the silence of someone waiting for an answer. */
export async function personClip(): Promise<FarEndClip> {
  return farEndClip(await speak('Hello?'), [silence(3)], false);
}

/** Something spoken (espeak-ng on a phone line), as a WAV file for a call to play, and its audio as the far end hears it in μ-law. */
export async function spokenWav(text: string): Promise<{ path: string; heard: Int16Array }> {
  const pcm = await speak(text);
  return { path: wavFile([pcm]), heard: decodeG711('PCMU', encodeG711('PCMU', pcm)) };
}
