import type { RealtimeClientEvent, RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import { audioAppend, RealtimeSocket, type RealtimeConnection } from '../../voice/realtime/realtimeSocket';
import type { Codec } from './endpoint';
import { transcodeG711 } from './g711';
import type { WireEvent } from './rtpWireMessages';

/** A link's events, without the wire's number (its wire adds it). */
type LinkEvent = WireEvent extends infer E ? (E extends { kind: `link${string}` } ? Omit<E, 'wire'> : never) : never;

/** What a link needs of its wire. */
export interface LinkedWire {
  /** Queues audio (in the call's codec) for the far end; returns the number of the mark placed after it. */
  play(bytes: Uint8Array): number;
  /** Drops what is queued to play, reporting none of its marks. */
  clear(): void;
  emit(event: LinkEvent): void;
  /** Runs work for this call alone: should it throw, this call's audio stops, not the other calls'. */
  guarded(work: () => void): void;
}

/**
 * On the media thread: a call's realtime engine socket beside its RTP (see realtimeLink.ts). The callee's audio
 * is appended to the engine's input as it arrives, and the engine's audio is queued for the far end as it
 * arrives; the main thread's session hears every other event, and of the audio only how much was queued.
 */
export class RealtimeWireLink {
  private readonly socket: RealtimeSocket;
  private audioSent = false;
  private muted = false;
  private readonly cutItems = new Set<string>();

  constructor(
    connection: RealtimeConnection,
    private readonly codec: Codec,
    private readonly wire: LinkedWire,
  ) {
    this.socket = new RealtimeSocket(connection, {
      onEvent: (event) => wire.guarded(() => this.receive(event)),
      onGone: (failure) => wire.emit({ kind: 'linkGone', failure }),
    });
  }

  /** The callee's audio, in the call's codec: to the engine as μ-law, once it is connected. */
  hear(payload: Uint8Array): void {
    const mulaw = transcodeG711(this.codec, 'PCMU', payload);
    if (!this.socket.send(audioAppend(mulaw)) || this.audioSent) return;
    this.audioSent = true;
    this.wire.emit({ kind: 'linkAudioSent' });
  }

  send(event: RealtimeClientEvent): void {
    this.socket.send(event);
  }

  cut(itemIds: string[]): void {
    for (const itemId of itemIds) this.cutItems.add(itemId);
  }

  mute(): void {
    this.muted = true;
  }

  /** Drops the socket; what it says as it goes is for a session that has already ended. */
  terminate(): void {
    this.socket.fail('closed by the call');
  }

  close(): Promise<void> {
    return this.socket.close();
  }

  private receive(event: RealtimeServerEvent): void {
    // barge-in: the callee started speaking, so what is queued stops now, before any audio that follows is queued
    if (event.type === 'input_audio_buffer.speech_started' && !this.muted) this.wire.clear();
    if (event.type !== 'response.output_audio.delta') return this.wire.emit({ kind: 'linkEvent', event });
    if (this.cutItems.has(event.item_id)) return;
    const mulaw = Buffer.from(event.delta, 'base64');
    const mark = this.muted ? null : this.wire.play(transcodeG711('PCMU', this.codec, mulaw));
    this.wire.emit({ kind: 'linkAudio', itemId: event.item_id, bytes: mulaw.length, mark });
  }
}
