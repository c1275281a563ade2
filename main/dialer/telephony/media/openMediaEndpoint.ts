import { randomInt } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { AgentBridge } from './agentBridge';
import type { CallAudioPlan, CallReport, Codec, MediaEndpoint, MediaStats, OpenMediaEndpoint } from './endpoint';
import { decodeG711, encodeG711, FRAME_SAMPLES, PAYLOAD_TYPE, SILENCE_BYTE, transcodeG711 } from './g711';
import { startPacer, type Pacer } from './pacer';
import { Playout } from './playout';
import { CallRecording } from './recording';
import { decodeRtp, encodeRtp } from './rtpPacket';
import { readWavAsTelephonyPcm } from './wav';

const FRAME_MS = 20;
const SAMPLES_PER_MS = 8;

/** G.711 over RTP on a UDP port of bindAddress, bridged to a WebSocket agent or playing WAV files. */
export const openMediaEndpoint: OpenMediaEndpoint = async (plan, { bindAddress }) => {
  // checked before the call is placed, so a bad agent URL or greeting fails the dial, not the answered call
  if (plan.agentUrl && !(URL.canParse(plan.agentUrl) && ['ws:', 'wss:'].includes(new URL(plan.agentUrl).protocol))) {
    // not the URL itself: this error lands on the call, which the API reads, and the URL may hold credentials
    throw new Error('agent URL is not a ws:// or wss:// URL');
  }
  const greeting = !plan.agentUrl && plan.greetingWav ? await readWavAsTelephonyPcm(plan.greetingWav) : null;
  const socket = createSocket(isIPv6(bindAddress) ? 'udp6' : 'udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, bindAddress, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return new RtpMediaEndpoint(plan, socket, greeting);
};

interface Session {
  remote: { address: string; port: number };
  codec: Codec;
  /** Set once the far end's first packet arrives: from then on we send there and hear only it (symmetric RTP). */
  latched: boolean;
  /** performance.now() when the call was answered: our send timeline's zero. */
  startedAt: number;
  playout: Playout;
  bridge: AgentBridge | null;
  recording: CallRecording | null;
}

/** Our own mark after the voicemail message: when it has been played, the call ends. */
const VOICEMAIL_LEFT = 'dialwell:voicemail-left';

class RtpMediaEndpoint implements MediaEndpoint {
  readonly address: string;
  readonly port: number;
  private readonly counts = { packetsSent: 0, packetsReceived: 0 };
  private readonly hangupListeners: ((report: CallReport) => void)[] = [];
  private readonly reported: CallReport = { voicemail: false, optedOut: false, failure: null };
  private readonly ssrc = randomInt(2 ** 32);
  private readonly firstSequence = randomInt(2 ** 16);
  private readonly firstTimestamp = randomInt(2 ** 32);
  private session: Session | null = null;
  private pacer: Pacer | null = null;
  private closed: Promise<void> | null = null;
  private hangupRequested = false;

  constructor(
    private readonly plan: CallAudioPlan,
    private readonly socket: Socket,
    /** The greeting, or what play() was given before the call was answered. */
    private pending: Int16Array | null,
  ) {
    ({ address: this.address, port: this.port } = socket.address());
    socket.on('message', (bytes, from) => this.receive(bytes, from));
    // a send to an unreachable port reports ICMP errors here; RTP carries on regardless
    socket.on('error', () => {});
  }

  get stats(): MediaStats {
    return { ...this.counts, framesLate: this.pacer?.lateFrames ?? 0 };
  }

  async start(remote: { address: string; port: number; codec: Codec }): Promise<void> {
    if (this.closed) throw new Error('media endpoint is closed');
    if (this.session) throw new Error('media endpoint already started');
    // sending to a bad port would throw inside the send timer
    if (!Number.isInteger(remote.port) || remote.port < 1 || remote.port > 65_535) throw new Error(`bad RTP port of the far end: ${remote.port}`);
    const { codec } = remote;
    const playout = new Playout(SILENCE_BYTE[codec]);
    if (this.pending) playout.enqueue(encodeG711(codec, this.pending));
    this.pending = null;
    const bridge = this.plan.agentUrl
      ? new AgentBridge(this.plan.agentUrl, this.plan, {
          // once the voicemail message plays, the agent has nothing more to say to the machine
          onAudio: (mulaw) => this.reported.voicemail || playout.enqueue(transcodeG711('PCMU', codec, mulaw)),
          onMark: (name) => this.reported.voicemail || playout.mark(name),
          onClear: () => this.reported.voicemail || this.clearPlayout(),
          onGone: (reached) => {
            if (!reached) this.reported.failure = 'the voice agent could not be reached';
            this.requestHangup();
          },
          onVoicemail: () => void this.leaveVoicemail(),
          onOptOut: () => (this.reported.optedOut = true),
        })
      : null;
    const session: Session = {
      remote: { address: remote.address, port: remote.port },
      codec,
      latched: false,
      startedAt: performance.now(),
      playout,
      bridge,
      recording: this.plan.recordingPath ? new CallRecording() : null,
    };
    this.session = session;
    this.pacer = startPacer(FRAME_MS, session.startedAt, (slot) => this.sendFrame(session, slot));
  }

  async play(wavPath: string): Promise<void> {
    const pcm = await readWavAsTelephonyPcm(wavPath);
    if (!this.session) {
      this.pending = pcm;
      return;
    }
    this.clearPlayout();
    this.session.playout.enqueue(encodeG711(this.session.codec, pcm));
  }

  get report(): CallReport {
    return { ...this.reported };
  }

  onHangupRequest(listener: (report: CallReport) => void): void {
    this.hangupListeners.push(listener);
  }

  close(): Promise<void> {
    this.closed ??= this.shutDown();
    return this.closed;
  }

  private async shutDown(): Promise<void> {
    this.pacer?.stop();
    await this.session?.bridge?.close();
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
    if (this.session?.recording && this.plan.recordingPath) await this.session.recording.write(this.plan.recordingPath);
  }

  private sendFrame(session: Session, slot: number): void {
    const { frame, marksPlayed } = session.playout.nextFrame();
    const packet = encodeRtp({
      payloadType: PAYLOAD_TYPE[session.codec],
      sequence: this.firstSequence + this.counts.packetsSent,
      timestamp: this.firstTimestamp + slot * FRAME_SAMPLES,
      ssrc: this.ssrc,
      marker: this.counts.packetsSent === 0,
      payload: frame,
    });
    this.socket.send(packet, session.remote.port, session.remote.address);
    this.counts.packetsSent += 1;
    session.recording?.recordSent(slot * FRAME_SAMPLES, decodeG711(session.codec, frame));
    for (const name of marksPlayed) {
      if (name === VOICEMAIL_LEFT) this.requestHangup();
      else session.bridge?.sendMark(name);
    }
  }

  /** An answering machine: the voicemail message replaces whatever was playing, then we hang up (at once without one). */
  private async leaveVoicemail(): Promise<void> {
    if (this.reported.voicemail) return;
    this.reported.voicemail = true;
    const session = this.session!;
    const message = this.plan.voicemailWav ? await readWavAsTelephonyPcm(this.plan.voicemailWav).catch(() => null) : null;
    if (!message) return this.requestHangup();
    this.clearPlayout();
    session.playout.enqueue(encodeG711(session.codec, message));
    session.playout.mark(VOICEMAIL_LEFT);
  }

  private receive(bytes: Buffer, from: RemoteInfo): void {
    const session = this.session;
    if (!session || this.closed) return;
    if (session.latched && (from.address !== session.remote.address || from.port !== session.remote.port)) return;
    const packet = decodeRtp(bytes);
    // other payload types (e.g. telephone-event) are not audio
    if (!packet || packet.payloadType !== PAYLOAD_TYPE[session.codec]) return;
    if (!session.latched) {
      session.remote = { address: from.address, port: from.port };
      session.latched = true;
    }
    this.counts.packetsReceived += 1;
    session.bridge?.sendAudio(transcodeG711(session.codec, 'PCMU', packet.payload));
    const now = Math.round((performance.now() - session.startedAt) * SAMPLES_PER_MS);
    session.recording?.recordReceived(now, packet, decodeG711(session.codec, packet.payload));
  }

  private clearPlayout(): void {
    const session = this.session!;
    for (const name of session.playout.clear()) session.bridge?.sendMark(name);
  }

  private requestHangup(): void {
    if (this.hangupRequested || this.closed) return;
    this.hangupRequested = true;
    for (const listener of this.hangupListeners) listener(this.report);
  }
}
