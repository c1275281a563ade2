/*
 * Written by hand rather than taken from a package: the VADs on npm that run on Node 20 are either
 * native addons (node-vad), or neural models on onnxruntime's native addon (Silero, @ricky0123/vad-node),
 * whose per-frame inference would cost far more than hundreds of concurrent calls per core allow, or
 * WebRTC's VAD compiled to WASM and kept for one application (@echogarden/fvad-wasm). Answering-machine
 * detection needs only where the far end talks and where it is silent; frame energy against the line's
 * own noise does that for a few arithmetic operations per sample.
 */

/**
 * The floor the line is assumed to have until its own has been measured over the whole look-back: the
 * noise of a very noisy line (an RMS of about 800 of 32767, 58 dB). The floor is a minimum, so on a
 * quieter line the first closed block takes over at once; without this prior, speech from the first
 * sample would itself be the first floor, and a "Hello?" said as the call is picked up would go unheard.
 * Speech at a telephone's usual level (vowels at 65–75 dB) stands MARGIN_DB over it, the noise of a
 * working line does not.
 */
const ASSUMED_FLOOR_DB = 58;
/** Frames per noise-floor block: the floor is a minimum of block means, so one odd frame cannot drag it. */
const BLOCK_FRAMES = 5;
/** Blocks the floor looks back over (2 s): longer than the voiced stretches of speech between its dips. */
const FLOOR_BLOCKS = 20;
/** How far above the noise floor a frame must be to be voice. */
const MARGIN_DB = 7;
/** Frames quieter than this are never voice, however quiet the line (an RMS of about 56 of 32767). */
const MIN_VOICE_DB = 35;
/** Frames that stay voiced after the last loud one, so that the fall of a syllable is not cut. */
const HANGOVER_FRAMES = 2;

function meanSquare(pcm: Int16Array): number {
  let sum = 0;
  for (let i = 0; i < pcm.length; i++) sum += pcm[i] * pcm[i];
  return pcm.length ? sum / pcm.length : 0;
}

const toDb = (power: number) => 10 * Math.log10(power + 1);
const fromDb = (db: number) => 10 ** (db / 10) - 1;

export interface VadFrame {
  voiced: boolean;
  /** The frame's loudness: 10·log10 of its mean square (a full-scale sine ≈ 87 dB, digital silence 0 dB). */
  energyDb: number;
  /** The line's noise as estimated so far. */
  floorDb: number;
}

/**
 * Voice activity on 20 ms frames of 8 kHz audio: a frame is voice when it stands MARGIN_DB over an
 * adaptive noise floor (the quietest 100 ms block of the last 2 s, so the floor follows the line's noise
 * up and down while speech, which always has dips, cannot lift it), plus a short hangover.
 */
export class EnergyVad {
  /** Mean squares of the last FLOOR_BLOCKS complete blocks (a ring), the assumed floor until that many have closed. */
  private readonly blocks = new Float64Array(FLOOR_BLOCKS).fill(fromDb(ASSUMED_FLOOR_DB));
  private blockIndex = 0;
  private blockSum = 0;
  private blockFrames = 0;
  private hangover = 0;

  push(pcm: Int16Array): VadFrame {
    const power = meanSquare(pcm);
    this.blockSum += power;
    this.blockFrames++;
    const floorPower = Math.min(this.quietestBlock(), this.blockSum / this.blockFrames);
    if (this.blockFrames === BLOCK_FRAMES) this.closeBlock();
    const energyDb = toDb(power);
    const floorDb = toDb(floorPower);
    if (energyDb >= MIN_VOICE_DB && energyDb > floorDb + MARGIN_DB) this.hangover = HANGOVER_FRAMES + 1;
    const voiced = this.hangover > 0;
    if (voiced) this.hangover--;
    return { voiced, energyDb, floorDb };
  }

  private quietestBlock(): number {
    let quietest = Infinity;
    for (const power of this.blocks) if (power < quietest) quietest = power;
    return quietest;
  }

  private closeBlock(): void {
    this.blocks[this.blockIndex] = this.blockSum / BLOCK_FRAMES;
    this.blockIndex = (this.blockIndex + 1) % FLOOR_BLOCKS;
    this.blockSum = 0;
    this.blockFrames = 0;
  }
}
