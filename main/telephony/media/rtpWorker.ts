import { randomInt } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { parentPort } from 'node:worker_threads';
import type { Codec } from './endpoint';
import { FRAME_MS, FRAME_SAMPLES, PAYLOAD_TYPE, SILENCE_BYTE } from './g711';
import { startPacer, type Pacer } from './pacer';
import { Playout } from './playout';
import { decodeRtp, encodeRtp } from './rtpPacket';
import { RealtimeWireLink } from './realtimeWireLink';
import { COUNTER, type FrameReports, type WireEvent, type WireRequest } from './rtpWireMessages';
import { fromProcessTime, toProcessTime } from './threadTime';

/*
 * The media thread (see rtpWire.ts): every call's UDP socket and 20 ms send timer, so that nothing the main thread
 * does (a compacting garbage collection, a big request, a bulk job's result) can hold up a frame. It moves bytes:
 * what to play comes ready encoded, and what is heard goes to the main thread as it is; and, for a call whose
 * realtime engine's socket is linked beside it, between the call and the engine.
 */

const port = parentPort!;

/** Events go out together, once per turn of this thread's loop: one message however many calls had something to say. */
const outbox: WireEvent[] = [];
function emit(event: WireEvent): void {
  if (outbox.push(event) === 1) setImmediate(flush);
}
function flush(): void {
  port.postMessage(outbox.splice(0));
}

interface Session {
  remote: { address: string; port: number };
  codec: Codec;
  playout: Playout;
  /** Set once the far end's first packet arrives: from then on we send there and hear only it (symmetric RTP). */
  latched: boolean;
  /** Null only while its first frame is sent, from inside startPacer. */
  pacer: Pacer | null;
  reports: FrameReports;
}

/** What may be asked of a wire's playout, before or after the call is answered. */
type PlayoutRequest = Extract<WireRequest, { kind: 'play' | 'mark' | 'clear' }>;

class Wire {
  private session: Session | null = null;
  /** Asked for before the answer, when the codec (so the silence padding the audio) is not known yet. */
  private early: PlayoutRequest[] = [];
  /** Closed, or broken: its socket is closed. */
  private ended = false;
  private link: RealtimeWireLink | null = null;
  /** The link's marks count down from -1, clear of the main thread's. */
  private nextLinkMark = -1;
  private readonly ssrc = randomInt(2 ** 32);
  private readonly firstSequence = randomInt(2 ** 16);
  private readonly firstTimestamp = randomInt(2 ** 32);
  constructor(
    private readonly id: number,
    private readonly socket: Socket,
    private readonly counters: Int32Array,
  ) {
    socket.on('message', (bytes, from) => this.receive(bytes, from));
    // a send to an unreachable port reports ICMP errors here; RTP carries on regardless
    socket.on('error', () => {});
  }

  start(request: Extract<WireRequest, { kind: 'start' }>): void {
    const { codec } = request;
    const playout = new Playout(SILENCE_BYTE[codec]);
    const session: Session = { remote: request.remote, codec, playout, latched: false, reports: request.reports, pacer: null };
    this.session = session;
    for (const early of this.early.splice(0)) this.toPlayout(early);
    session.pacer = startPacer(FRAME_MS, fromProcessTime(request.startedAt), (slot) => this.ended || this.guarded(() => this.send(session, slot)));
    // broken by its first frame, before there was a pacer to stop
    if (this.ended) return session.pacer.stop();
    // the frames of the pacer's first run, late if this message came late, were counted before it returned
    Atomics.store(this.counters, COUNTER.framesLate, session.pacer.lateFrames);
    emit({ kind: 'started', wire: this.id });
  }

  /** Audio, a mark or a clear for the far end: carried out now, or at the answer. */
  toPlayout(request: PlayoutRequest): void {
    const playout = this.session?.playout;
    // a clear before the answer leaves nothing of what came before it (the main thread counts its marks done)
    if (request.kind === 'clear') return this.linkMarksDone(this.dropQueued());
    if (!playout) this.early.push(request);
    else if (request.kind === 'play') playout.enqueue(request.bytes);
    else playout.mark(String(request.id));
  }

  /** Drops what is queued to play; returns the numbers of the marks that were waiting for it. */
  private dropQueued(): number[] {
    const playout = this.session?.playout;
    if (playout) return playout.clear().map(Number);
    return this.early.splice(0).flatMap((request) => (request.kind === 'mark' ? [request.id] : []));
  }

  /** The link's marks among those the main thread had cleared count as done: it may not know of them yet. */
  private linkMarksDone(ids: number[]): void {
    const ours = ids.filter((id) => id < 0);
    if (ours.length) emit({ kind: 'marksPlayed', wire: this.id, ids: ours });
  }

  report(reports: FrameReports): void {
    if (this.session) this.session.reports = reports;
  }

  /** A realtime engine's socket beside this wire, in place of any before it. */
  openLink(request: Extract<WireRequest, { kind: 'linkOpen' }>): void {
    this.link?.terminate();
    this.link = new RealtimeWireLink(request.connection, request.codec, {
      play: (bytes) => {
        const id = this.nextLinkMark--;
        this.toPlayout({ kind: 'play', wire: this.id, bytes });
        this.toPlayout({ kind: 'mark', wire: this.id, id });
        return id;
      },
      // the main thread's session, hearing of the barge-in, forgets the marks itself
      clear: () => void this.dropQueued(),
      emit: (event) => emit({ ...event, wire: this.id } as WireEvent),
      guarded: (work) => this.guarded(work),
    });
  }

  toLink(request: Extract<WireRequest, { kind: 'linkSend' | 'linkCut' | 'linkMute' | 'linkClose' }>): void {
    const { link } = this;
    if (request.kind === 'linkClose') {
      this.link = null;
      if (request.abrupt) return link?.terminate();
      return void (link?.close() ?? Promise.resolve()).then(() => emit({ kind: 'linkClosed', wire: this.id }));
    }
    if (request.kind === 'linkSend') link?.send(request.event);
    else if (request.kind === 'linkCut') link?.cut(request.itemIds);
    else link?.mute();
  }

  /** Something went wrong with this call alone: it stops, so that the media thread goes on for every other call. */
  break(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    wires.delete(this.id);
    this.session?.pacer?.stop();
    this.dropLink();
    this.socket.close();
    emit({ kind: 'failed', wire: this.id, error: `the call's audio stopped: ${(error as Error)?.message ?? String(error)}` });
  }

  close(): void {
    this.ended = true;
    wires.delete(this.id);
    this.session?.pacer?.stop();
    this.dropLink();
    this.socket.close(() => emit({ kind: 'closed', wire: this.id }));
  }

  private dropLink(): void {
    this.link?.terminate();
    this.link = null;
  }

  guarded(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.break(error);
    }
  }

  private send(session: Session, slot: number): void {
    const { frame, marksPlayed } = session.playout.nextFrame();
    const sent = Atomics.load(this.counters, COUNTER.packetsSent);
    const packet = encodeRtp({
      payloadType: PAYLOAD_TYPE[session.codec],
      sequence: this.firstSequence + sent,
      timestamp: this.firstTimestamp + slot * FRAME_SAMPLES,
      ssrc: this.ssrc,
      marker: sent === 0,
      payload: frame,
    });
    this.socket.send(packet, session.remote.port, session.remote.address);
    Atomics.store(this.counters, COUNTER.packetsSent, sent + 1);
    // the pacer has counted this frame, if late, before asking for it
    Atomics.store(this.counters, COUNTER.framesLate, session.pacer?.lateFrames ?? 0);
    if (session.reports.sent) emit({ kind: 'sent', wire: this.id, slot, frame, at: toProcessTime(performance.now()) });
    if (marksPlayed.length) emit({ kind: 'marksPlayed', wire: this.id, ids: marksPlayed.map(Number) });
  }

  private receive(bytes: Buffer, from: RemoteInfo): void {
    const session = this.session;
    if (!session) return;
    if (session.latched && (from.address !== session.remote.address || from.port !== session.remote.port)) return;
    const packet = decodeRtp(bytes);
    // other payload types (e.g. telephone-event) are not audio
    if (!packet || packet.payloadType !== PAYLOAD_TYPE[session.codec]) return;
    if (!session.latched) {
      session.remote = { address: from.address, port: from.port };
      session.latched = true;
    }
    Atomics.add(this.counters, COUNTER.packetsReceived, 1);
    this.link?.hear(packet.payload);
    if (!session.reports.received) return;
    // a copy: the payload is a view of the datagram (a Buffer, whose slice() would be a view too)
    const payload = new Uint8Array(packet.payload);
    emit({ kind: 'received', wire: this.id, payload, ssrc: packet.ssrc, timestamp: packet.timestamp, at: toProcessTime(performance.now()) });
  }
}

const wires = new Map<number, Wire>();

async function open(request: Extract<WireRequest, { kind: 'open' }>): Promise<void> {
  const socket = createSocket(isIPv6(request.bindAddress) ? 'udp6' : 'udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, request.bindAddress, () => {
        socket.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    socket.close();
    return emit({ kind: 'failed', wire: request.wire, error: (error as Error).message });
  }
  wires.set(request.wire, new Wire(request.wire, socket, new Int32Array(request.counters)));
  const { address, port: bound } = socket.address();
  emit({ kind: 'opened', wire: request.wire, address, port: bound });
}

port.on('message', (request: WireRequest) => {
  if (request.kind === 'open') return void open(request);
  const wire = wires.get(request.wire);
  if (!wire) return;
  wire.guarded(() => {
    switch (request.kind) {
      case 'start':
        return wire.start(request);
      case 'report':
        return wire.report(request.reports);
      case 'play':
      case 'mark':
      case 'clear':
        return wire.toPlayout(request);
      case 'close':
        return wire.close();
      case 'linkOpen':
        return wire.openLink(request);
      case 'linkSend':
      case 'linkCut':
      case 'linkMute':
      case 'linkClose':
        return wire.toLink(request);
    }
  });
});
