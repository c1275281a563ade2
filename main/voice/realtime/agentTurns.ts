import type { TranscriptTurn } from '../engine';

/** 8 kHz μ-law: one byte a sample, so 8 bytes a millisecond. */
const MULAW_BYTES_PER_MS = 8;

interface AgentItem {
  itemId: string;
  offsetMs: number;
  sentBytes: number;
  /** How much of the sent audio the far end has heard, as the marks reported back tell. */
  playedBytes: number;
  /** The engine has sent all of this item's audio. */
  audioDone: boolean;
  text: string;
  textDone: boolean;
  interrupted: boolean;
  reported: boolean;
}

/** Where an interrupted item's audio stopped being heard: what conversation.item.truncate needs. */
export interface Truncation {
  itemId: string;
  audioEndMs: number;
}

/**
 * The agent's turns, each an output item of the engine: its audio is followed through playout by marks, so a
 * turn is reported once it has been heard to the end (or cut short by the contact), with its transcript.
 * The engine writes the transcript faster than the audio plays, so neither alone says a turn is over.
 */
export class AgentTurns {
  private readonly items = new Map<string, AgentItem>();
  /** Marks placed after each chunk of audio, waiting to be reported played: how far into its item each one is. */
  private readonly marks = new Map<string, { item: AgentItem; endBytes: number }>();
  private nextMark = 1;

  constructor(private readonly report: (turn: TranscriptTurn) => void) {}

  /**
   * Audio of an item arrived: the name of the mark to place after it in playout, or null when the contact has
   * already cut the item short (audio the engine sent before it heard them), which is not to be played.
   */
  audio(itemId: string, bytes: number, offsetMs: number): string | null {
    const item = this.item(itemId, offsetMs);
    if (item.interrupted) return null;
    item.sentBytes += bytes;
    const name = `realtime-${this.nextMark++}`;
    this.marks.set(name, { item, endBytes: item.sentBytes });
    return name;
  }

  audioDone(itemId: string, offsetMs: number): void {
    this.item(itemId, offsetMs).audioDone = true;
    this.settle(itemId);
  }

  textDelta(itemId: string, delta: string, offsetMs: number): void {
    this.item(itemId, offsetMs).text += delta;
  }

  textDone(itemId: string, transcript: string, offsetMs: number): void {
    const item = this.item(itemId, offsetMs);
    item.text = transcript;
    item.textDone = true;
    this.settle(itemId);
  }

  /** The audio before this mark has been played (a mark of audio cut short by interrupt() is no longer known). */
  played(name: string): void {
    const mark = this.marks.get(name);
    if (!mark) return;
    this.marks.delete(name);
    mark.item.playedBytes = Math.max(mark.item.playedBytes, mark.endBytes);
    this.settle(mark.item.itemId);
  }

  /**
   * The contact started speaking: every turn not yet heard to its end is cut where playout got to, and its
   * marks are forgotten (the audio behind them is about to be cleared, not played). Returns the cuts.
   */
  interrupt(): Truncation[] {
    const cut = [...this.items.values()].filter((item) => !item.reported && (!item.audioDone || item.playedBytes < item.sentBytes));
    for (const [name, mark] of this.marks) if (cut.includes(mark.item)) this.marks.delete(name);
    for (const item of cut) {
      item.interrupted = true;
      this.settle(item.itemId);
    }
    return cut.map((item) => ({ itemId: item.itemId, audioEndMs: Math.floor(item.playedBytes / MULAW_BYTES_PER_MS) }));
  }

  /** The session ends: every turn with words not yet reported is, interrupted unless all of it was heard. */
  flush(): void {
    for (const item of this.items.values()) {
      if (item.reported || !item.text) continue;
      item.interrupted ||= !item.audioDone || item.playedBytes < item.sentBytes;
      this.reportItem(item);
    }
  }

  private item(itemId: string, offsetMs: number): AgentItem {
    let item = this.items.get(itemId);
    if (!item) {
      item = { itemId, offsetMs, sentBytes: 0, playedBytes: 0, audioDone: false, text: '', textDone: false, interrupted: false, reported: false };
      this.items.set(itemId, item);
    }
    return item;
  }

  private settle(itemId: string): void {
    const item = this.items.get(itemId)!;
    if (item.reported || !item.textDone) return;
    if (item.interrupted || (item.audioDone && item.playedBytes >= item.sentBytes)) this.reportItem(item);
  }

  private reportItem(item: AgentItem): void {
    // kept, so that audio still on its way for an interrupted item is known as such
    item.reported = true;
    if (item.text) this.report({ speaker: 'agent', text: item.text, offsetMs: item.offsetMs, interrupted: item.interrupted });
  }
}
