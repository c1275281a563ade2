import type { Worker } from 'node:worker_threads';
import { startWorkerProgram } from '../../platform/workerProgram';
import type { RealtimeLink, RealtimeLinkHandlers } from '../../voice/realtime/realtimeLink';
import type { RealtimeConnection } from '../../voice/realtime/realtimeSocket';
import type { Codec, MediaStats } from './endpoint';
import { COUNTER, COUNTERS, type FrameReports, type WireEvent, type WireRequest } from './rtpWireMessages';
import { fromProcessTime, toProcessTime } from './threadTime';

/** What a call's wire tells its endpoint, on the main thread; times are performance.now() times of this thread. */
export interface WireListener {
  /** An audio packet from the far end, in the call's codec: told while reports.received is on. */
  received(payload: Uint8Array, packet: { ssrc: number; timestamp: number }, at: number): void;
  /** A frame went out in send slot `slot`: told while reports.sent is on. */
  sent(slot: number, frame: Uint8Array, at: number): void;
  /** Everything queued before these marks has been sent. */
  marksPlayed(names: string[]): void;
  /** The media thread is gone: the call has no audio any more. */
  lost(reason: string): void;
}

/**
 * One call's RTP leg, kept on the media thread: its UDP socket, its send timer and the audio queued for the far end.
 * The main thread queues audio and marks, and hears what arrives; the 20 ms frames go out whatever it is doing.
 */
export interface RtpWire {
  readonly address: string;
  readonly port: number;
  readonly stats: MediaStats;
  /** The call is answered: frames go out every 20 ms from `startedAt` (a performance.now() time); resolves once the first has. */
  start(remote: { address: string; port: number }, codec: Codec, startedAt: number, reports: FrameReports): Promise<void>;
  /** Which frames the listener hears of from now on. */
  report(reports: FrameReports): void;
  /** A realtime engine's socket beside the wire, on the media thread (one at a time). */
  openRealtimeLink(codec: Codec, connection: RealtimeConnection, handlers: RealtimeLinkHandlers): WireRealtimeLink;
  /** Audio in the call's codec, after what is queued. */
  enqueue(bytes: Uint8Array): void;
  /** Reported to marksPlayed once everything queued before it has been sent. */
  mark(name: string): void;
  /** Drops the queued audio; returns the marks that were waiting for it (they will not be reported). */
  clear(): string[];
  /** The link has dropped the queued audio itself (the callee spoke over the engine): returns the marks that were waiting, as clear() does. */
  forgetQueued(): string[];
  /** Stops sending and closes the socket; safe to call more than once. */
  close(): Promise<void>;
}

export interface WireRealtimeLink extends RealtimeLink {
  /** None of the engine's audio plays any more (something else replaces it). */
  mute(): void;
}

type ThreadEvent = WireEvent | { kind: 'lost'; wire: number; reason: string };
type LinkEventKind = Extract<ThreadEvent['kind'], `link${string}`>;

/**
 * The media thread of the process, shared by every call (one event loop does nothing but move their frames). It
 * starts with the first call and keeps the process alive only while a call's wire is open.
 */
const mediaThread = (() => {
  let thread: Worker | null = null;
  let nextWire = 0;
  const wires = new Map<number, (event: ThreadEvent) => void>();
  const loseAll = (reason: string) => {
    for (const [wire, deliver] of wires) deliver({ kind: 'lost', wire, reason });
  };

  function start(): Worker {
    const started = startWorkerProgram('rtpWorker', import.meta.url);
    started.on('message', (events: WireEvent[]) => {
      // one call's listener failing must not keep the other calls' events from them
      const failures: unknown[] = [];
      for (const event of events) {
        try {
          wires.get(event.wire)?.(event);
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length) throw failures[0];
    });
    started.on('error', (error) => loseAll(`the media thread failed: ${error.message}`));
    started.once('exit', () => {
      thread = null;
      loseAll('the media thread stopped');
    });
    return started;
  }

  return {
    /** A new wire's number; its events go to `deliver` until it is detached. */
    attach(deliver: (event: ThreadEvent) => void): number {
      thread ??= start();
      thread.ref();
      const wire = nextWire++;
      wires.set(wire, deliver);
      return wire;
    },
    send(request: WireRequest): void {
      thread?.postMessage(request);
    },
    detach(wire: number): void {
      wires.delete(wire);
      if (wires.size === 0) thread?.unref();
    },
  };
})();

/** Opens a wire on a UDP port of bindAddress; rejects when the port cannot be bound. */
export function openRtpWire(bindAddress: string, listener: WireListener): Promise<RtpWire> {
  const counters = new SharedArrayBuffer(COUNTERS * Int32Array.BYTES_PER_ELEMENT);
  const counts = new Int32Array(counters);
  /** Marks waiting to be sent, by the number the media thread knows them by. */
  const marks = new Map<number, string>();
  let nextMark = 0;
  /** Who waits for the media thread's answer of each kind (one request of a kind at a time per wire). */
  const waiting = new Map<ThreadEvent['kind'], (event: ThreadEvent) => void>();
  const answerOf = <K extends ThreadEvent['kind']>(kind: K) =>
    new Promise<Extract<ThreadEvent, { kind: K }> | Extract<ThreadEvent, { kind: 'lost' | 'failed' }>>((resolve) => waiting.set(kind, resolve as never));
  let gone: string | null = null;
  /** The link's side of events: set while a link is open. */
  let linkEvents: ((event: Extract<ThreadEvent, { kind: LinkEventKind }>) => void) | null = null;

  const wire = mediaThread.attach((event) => {
    if (event.kind === 'lost' || event.kind === 'failed') {
      const reason = 'reason' in event ? event.reason : event.error;
      // a wire that never opened is no call's loss: openRtpWire rejects instead
      const opening = waiting.has('opened');
      gone = reason;
      mediaThread.detach(wire);
      for (const resolve of waiting.values()) resolve(event);
      waiting.clear();
      if (!opening) listener.lost(reason);
      return;
    }
    // a wire closes its link with it: a link's close still waiting is done
    if (event.kind === 'closed') {
      waiting.get('linkClosed')?.(event);
      waiting.delete('linkClosed');
    }
    const resolve = waiting.get(event.kind);
    if (resolve) {
      waiting.delete(event.kind);
      return resolve(event);
    }
    if (event.kind.startsWith('link')) return linkEvents?.(event as Extract<ThreadEvent, { kind: LinkEventKind }>);
    if (event.kind === 'received') listener.received(event.payload, event, fromProcessTime(event.at));
    else if (event.kind === 'sent') listener.sent(event.slot, event.frame, fromProcessTime(event.at));
    else if (event.kind === 'marksPlayed') {
      const names = event.ids.flatMap((id) => {
        const name = marks.get(id);
        marks.delete(id);
        return name === undefined ? [] : [name];
      });
      if (names.length) listener.marksPlayed(names);
    }
  });

  const forgetMarks = () => {
    const names = [...marks.values()];
    marks.clear();
    return names;
  };
  let closed: Promise<void> | null = null;
  let reported: FrameReports = { sent: true, received: true };
  const shutDown = async () => {
    if (gone) return;
    const ended = answerOf('closed');
    mediaThread.send({ kind: 'close', wire });
    await ended;
    mediaThread.detach(wire);
  };

  const opened = answerOf('opened');
  mediaThread.send({ kind: 'open', wire, bindAddress, counters });
  return opened.then((event) => {
    if (event.kind !== 'opened') throw new Error(`cannot open an RTP port on ${bindAddress}: ${gone}`);
    return {
      address: event.address,
      port: event.port,
      get stats() {
        return {
          packetsSent: Atomics.load(counts, COUNTER.packetsSent),
          packetsReceived: Atomics.load(counts, COUNTER.packetsReceived),
          framesLate: Atomics.load(counts, COUNTER.framesLate),
        };
      },
      async start(remote, codec, startedAt, reports) {
        if (!gone) {
          reported = reports;
          const started = answerOf('started');
          mediaThread.send({ kind: 'start', wire, remote, codec, startedAt: toProcessTime(startedAt), reports });
          if ((await started).kind === 'started') return;
        }
        throw new Error(`the call's audio cannot start: ${gone}`);
      },
      report(reports) {
        if (reports.sent === reported.sent && reports.received === reported.received) return;
        reported = reports;
        mediaThread.send({ kind: 'report', wire, reports });
      },
      openRealtimeLink(codec, connection, handlers) {
        let opened = false;
        let ended = false;
        let closing: Promise<void> | null = null;
        linkEvents = (event) => {
          if (event.kind === 'linkClosed' || ended) return;
          if (event.kind === 'linkEvent') {
            opened = true;
            handlers.onEvent(event.event);
          } else if (event.kind === 'linkAudio') {
            const name = handlers.onAudioQueued(event.itemId, event.bytes);
            if (name !== null && event.mark !== null) marks.set(event.mark, name);
          } else if (event.kind === 'linkAudioSent') handlers.onAudioSent();
          else {
            ended = true;
            handlers.onGone(event.failure);
          }
        };
        mediaThread.send({ kind: 'linkOpen', wire, connection, codec });
        return {
          send(event) {
            if (ended || !opened) return false;
            mediaThread.send({ kind: 'linkSend', wire, event });
            return true;
          },
          fail(failure) {
            if (ended) return;
            ended = true;
            handlers.onGone(failure);
            mediaThread.send({ kind: 'linkClose', wire, abrupt: true });
          },
          close() {
            ended = true;
            // a closed wire has taken its link with it
            if (closing || closed || gone) return closing ?? Promise.resolve();
            const done = answerOf('linkClosed');
            mediaThread.send({ kind: 'linkClose', wire, abrupt: false });
            return (closing = done.then(() => {}));
          },
          cut: (itemIds) => mediaThread.send({ kind: 'linkCut', wire, itemIds }),
          mute: () => mediaThread.send({ kind: 'linkMute', wire }),
        };
      },
      // a view into a larger buffer (a pooled Buffer) would be sent whole: copied to a buffer of its own first
      enqueue: (bytes) => mediaThread.send({ kind: 'play', wire, bytes: bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes) }),
      mark(name) {
        const id = nextMark++;
        marks.set(id, name);
        mediaThread.send({ kind: 'mark', wire, id });
      },
      clear() {
        mediaThread.send({ kind: 'clear', wire });
        return forgetMarks();
      },
      forgetQueued: () => forgetMarks(),
      close: () => (closed ??= shutDown()),
    } satisfies RtpWire;
  });
}
