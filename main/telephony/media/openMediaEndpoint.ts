import { Conversation, HANG_UP_MARK } from './conversation';
import type { CallAudioPlan, CallReport, Codec, MediaEndpoint, MediaStats, OpenMediaEndpoint, TransferCall } from './endpoint';
import { decodeG711, encodeG711, FRAME_SAMPLES, G711Decoder, SILENCE_BYTE, transcodeG711 } from './g711';
import { PendingSpeech, type SpokenGreeting } from './pendingSpeech';
import { CallRecording } from './recording';
import { openRtpWire, type RtpWire, type WireListener, type WireRealtimeLink } from './rtpWire';
import type { FrameReports } from './rtpWireMessages';
import { CallScreening } from './screening';
import { readWavAsTelephonyPcm } from './wav';

const SAMPLES_PER_MS = 8;
/**
 * Our mark after what the audio engine plays (its greeting, or what play() put in its place): that is all such a
 * call has to say, so it ends once the audio has played. Dropping the audio does not end it: play() queues the
 * mark again after what replaces it.
 */
const GREETING_END_MARK = 'dialwell:greeting-end';

/** G.711 over RTP on a UDP port of bindAddress, bridged to a voice engine or playing WAV files. */
export const openMediaEndpoint: OpenMediaEndpoint = async (plan, { bindAddress }) => {
  // read before the call is placed, so a bad greeting fails the dial, not the answered call
  const greeting = !plan.conversation && plan.greetingWav ? await readWavAsTelephonyPcm(plan.greetingWav) : null;
  // nothing arrives before the endpoint exists: the wire hears the far end only once started, and is lost only once open
  let endpoint: RtpMediaEndpoint | undefined;
  const wire = await openRtpWire(bindAddress, {
    received: (...args) => endpoint?.received(...args),
    sent: (...args) => endpoint?.sent(...args),
    marksPlayed: (names) => endpoint?.marksPlayed(names),
    lost: (reason) => endpoint?.lost(reason),
  });
  // asked for now, before the INVITE, so that it is there when the callee picks up
  const speech = !plan.conversation && !greeting && plan.spokenGreeting ? new PendingSpeech(plan.spokenGreeting) : null;
  endpoint = new RtpMediaEndpoint(plan, wire, greeting, speech);
  return endpoint;
};

interface Session {
  codec: Codec;
  /** performance.now() when the call was answered: our send timeline's zero. */
  startedAt: number;
  /** When the call was answered, on the conversation's clock (null without a conversation). */
  answeredAt: number | null;
  /** The conversation has started: at the answer, or once detection found a person (never on a machine). */
  conversing: boolean;
  /** Opened when the conversation starts (or, on a machine, to speak the voicemail message). */
  conversation: Conversation | null;
  /** The conversation's realtime socket beside the RTP: the callee's audio reaches the engine without this thread. */
  link: WireRealtimeLink | null;
  /** Answering-machine detection, when the plan asks for it. */
  screening: CallScreening | null;
  /** For the received audio, when detection or the recording needs it as PCM. */
  decoder: G711Decoder;
  recording: CallRecording | null;
}

/**
 * The call's media on the main thread: what to play, detection, the conversation and the recording. The frames
 * themselves go out from the media thread (the wire), so that nothing done here can make one late.
 */
class RtpMediaEndpoint implements MediaEndpoint, WireListener {
  readonly address: string;
  readonly port: number;
  private readonly hangupListeners: ((report: CallReport) => void)[] = [];
  private readonly reported: Omit<CallReport, 'amd'> = { voicemail: false, optedOut: false, transferred: false, failure: null, transcript: [], tools: [], callback: null };
  private transfer: TransferCall | null = null;
  private session: Session | null = null;
  private closed: Promise<void> | null = null;
  private hangupRequested = false;
  /** The conversation's session closing, once it has been ended. */
  private conversationEnded: Promise<void> | null = null;
  /** The voicemail action has begun. */
  private leavingVoicemail = false;
  /** The voicemail recording is playing: nothing else plays from now on. */
  private recordingPlays = false;

  constructor(
    private readonly plan: CallAudioPlan,
    private readonly wire: RtpWire,
    /** The greeting, or what play() was given before the conversation started. */
    private pending: Int16Array | null,
    /** The greeting text being spoken, in place of `pending`, until it plays or play() replaces it. */
    private speech: PendingSpeech | null,
  ) {
    ({ address: this.address, port: this.port } = wire);
  }

  get stats(): MediaStats {
    return this.wire.stats;
  }

  async start(remote: { address: string; port: number; codec: Codec }): Promise<void> {
    if (this.closed) throw new Error('media endpoint is closed');
    if (this.session) throw new Error('media endpoint already started');
    // sending to a bad port would throw on the media thread, and the call would lose its audio there
    if (!Number.isInteger(remote.port) || remote.port < 1 || remote.port > 65_535) throw new Error(`bad RTP port of the far end: ${remote.port}`);
    const { codec } = remote;
    const session: Session = {
      codec,
      startedAt: performance.now(),
      answeredAt: this.plan.conversation?.clock.now() ?? null,
      conversing: false,
      conversation: null,
      link: null,
      screening: null,
      decoder: new G711Decoder(codec),
      recording: this.plan.recordingPath ? new CallRecording() : null,
    };
    this.session = session;
    if (this.plan.amd) {
      // until it decides, the far end hears silence: whatever we said would land on a machine's recording mid-greeting
      session.screening = new CallScreening(this.plan.amd, session.startedAt, {
        decided: ({ decision }) => {
          // unknown goes the way of a person: hanging up on one is worse than talking to a machine
          if (decision === 'machine') this.reported.voicemail = true;
          else this.converse(session);
        },
        messageCanStart: () => void this.leaveVoicemail(),
      });
    } else this.converse(session);
    // what was queued above is the first frame's, which goes out before this resolves
    await this.wire.start(remote, codec, session.startedAt, this.frameReports(session));
  }

  async play(wavPath: string): Promise<void> {
    const pcm = await readWavAsTelephonyPcm(wavPath);
    this.dropSpeech();
    if (!this.session?.conversing) {
      this.pending = pcm;
      return;
    }
    this.clearPlayout();
    this.enqueuePlay(this.session, pcm);
  }

  get report(): CallReport {
    const { transcript, tools } = this.reported;
    // in the order they were said: an agent turn is known once heard to its end, a contact's once transcribed
    const said = [...transcript].sort((a, b) => a.offsetMs - b.offsetMs);
    return { ...this.reported, transcript: said, tools: tools.map((use) => ({ ...use })), amd: this.session?.screening?.result ?? null };
  }

  finish(): CallReport {
    void this.endConversation();
    return this.report;
  }

  onHangupRequest(listener: (report: CallReport) => void): void {
    this.hangupListeners.push(listener);
  }

  onTransferRequest(transfer: TransferCall): void {
    this.transfer = transfer;
  }

  close(): Promise<void> {
    this.closed ??= this.shutDown();
    return this.closed;
  }

  private async shutDown(): Promise<void> {
    const wireClosed = this.wire.close();
    this.dropSpeech();
    await this.endConversation();
    await wireClosed;
    if (this.session?.recording && this.plan.recordingPath) await this.session.recording.write(this.plan.recordingPath);
  }

  /**
   * Detection hears time pass by the send slots, and the recording keeps what was sent; they and a conversation
   * whose engine is not linked beside the RTP hear what arrives.
   */
  private frameReports(session: Session): FrameReports {
    const sent = Boolean(session.screening?.listening || session.recording);
    return { sent, received: sent || (session.conversation !== null && !session.link) };
  }

  sent(slot: number, frame: Uint8Array, at: number): void {
    const session = this.session;
    if (!session || this.closed) return;
    if (session.screening?.listening) session.screening.tick(at);
    session.recording?.recordSent(slot * FRAME_SAMPLES, decodeG711(session.codec, frame));
    this.wire.report(this.frameReports(session));
  }

  marksPlayed(names: string[]): void {
    for (const name of names) this.markPlayed(name);
  }

  lost(reason: string): void {
    this.reported.failure ??= reason;
    this.requestHangup();
  }

  /** The audio before a mark has played (or was cleared): ours end the call, the session's go back to it. */
  private markPlayed(name: string): void {
    if (name === HANG_UP_MARK || name === GREETING_END_MARK) this.requestHangup();
    else this.session?.conversation?.markPlayed(name);
  }

  /** The conversation starts: the greeting plays, or the engine greets the callee. */
  private converse(session: Session): void {
    session.conversing = true;
    const { speech } = this;
    if (speech) void speech.ready().then((spoken) => this.spoken(session, speech, spoken));
    else this.enqueuePlay(session, this.pending);
    this.pending = null;
    this.openConversation(session)?.start();
  }

  /** The greeting's speech is there: it plays as a greeting WAV would; without it the call fails, saying why. */
  private spoken(session: Session, speech: PendingSpeech, spoken: SpokenGreeting): void {
    // play() replaced it, or the call is over
    if (this.speech !== speech || this.hangupRequested || this.closed) return;
    this.speech = null;
    if ('pcm' in spoken) return this.enqueuePlay(session, spoken.pcm);
    this.reported.failure = spoken.failure;
    this.requestHangup();
  }

  /** The greeting is not to be spoken after all (other audio replaces it, or the call is over). */
  private dropSpeech(): void {
    this.speech?.cancel();
    this.speech = null;
  }

  /**
   * Queues `pcm` (the greeting, or what play() was given); for the audio engine, which has nothing to say after
   * it, the call ends once it has played. Never within the first frame, though (a shorter greeting, or none, is
   * padded with silence): that frame goes out inside start(), before the signalling side takes the call as answered.
   */
  private enqueuePlay(session: Session, pcm: Int16Array | null): void {
    const { wire } = this;
    const { codec } = session;
    if (pcm) wire.enqueue(encodeG711(codec, pcm));
    if (this.plan.conversation) return;
    const short = 2 * FRAME_SAMPLES - (pcm?.length ?? 0);
    if (short > 0) wire.enqueue(new Uint8Array(short).fill(SILENCE_BYTE[codec]));
    wire.mark(GREETING_END_MARK);
  }

  /** A conversation with the plan's engine, not yet started; none without one, or once the call is ending. */
  private openConversation(session: Session): Conversation | null {
    const { conversation: plan } = this.plan;
    if (!plan || this.hangupRequested || this.closed) return null;
    const { wire } = this;
    const { codec } = session;
    session.conversation = new Conversation(plan, session.answeredAt!, {
      // once the voicemail recording plays, the engine has nothing more to say to the machine
      play: (mulaw) => this.recordingPlays || wire.enqueue(transcodeG711('PCMU', codec, mulaw)),
      mark: (name) => this.recordingPlays || wire.mark(name),
      // a linked engine's barge-in has cleared the media thread's playout already, before what the engine said next
      clear: () => this.recordingPlays || this.clearPlayout(session.link !== null),
      hangUp: () => this.requestHangup(),
      leaveVoicemail: (done) => void this.leaveVoicemail(done),
      // the SIP side hands its transfer over when the call starts; read when the model asks for one
      transfer: (number, settled) => (this.transfer ? this.transfer(number, settled) : settled({ transferred: false, error: 'this call cannot be transferred' })),
      report: this.reported,
      openRealtimeLink: (connection, handlers) => (session.link = wire.openRealtimeLink(codec, connection, handlers)),
    });
    return session.conversation;
  }

  /**
   * An answering machine whose greeting is over (detection), or that the engine heard: per the voicemail action,
   * the voicemail recording replaces whatever was playing, or (without one) the engine says the voicemail message,
   * and we hang up once it has been heard; or we hang up at once (also when there is nothing to leave).
   * `done` hears what it did, in words, before the call can end.
   */
  private async leaveVoicemail(done: (what: string) => void = () => {}): Promise<void> {
    if (this.leavingVoicemail) return done('already leaving the voicemail message');
    this.leavingVoicemail = this.reported.voicemail = true;
    const session = this.session!;
    const leaving = this.plan.voicemailAction === 'leave_message';
    const wav = leaving ? this.plan.voicemailWav : null;
    const recording = wav ? await readWavAsTelephonyPcm(wav).catch(() => null) : null;
    if (recording) {
      this.clearPlayout();
      this.recordingPlays = true;
      session.link?.mute();
      this.wire.enqueue(encodeG711(session.codec, recording));
      this.wire.mark(HANG_UP_MARK);
      return done('left the voicemail recording');
    }
    const message = leaving ? this.plan.conversation?.voicemailMessage : null;
    const speaker = message ? (session.conversation ?? this.openConversation(session)) : null;
    if (!message || !speaker) {
      done('hung up');
      return this.requestHangup();
    }
    done('left the voicemail message');
    speaker.speakVoicemail(message);
  }

  /** Ends the session, if one is open; its last turns are on the report once this returns (the promise is its socket closing). */
  private endConversation(): Promise<void> {
    const conversation = this.session?.conversation;
    if (conversation) {
      this.session!.conversation = null;
      this.conversationEnded = conversation.close();
    }
    return this.conversationEnded ?? Promise.resolve();
  }

  received(payload: Uint8Array, packet: { ssrc: number; timestamp: number }, arrivedAt: number): void {
    const session = this.session;
    if (!session || this.closed) return;
    if (!session.link) session.conversation?.hear(transcodeG711(session.codec, 'PCMU', payload));
    const screening = session.screening?.listening ? session.screening : null;
    if (!screening && !session.recording) return;
    const pcm = session.decoder.decode(payload);
    session.recording?.recordReceived(Math.round((arrivedAt - session.startedAt) * SAMPLES_PER_MS), packet, pcm);
    screening?.hear(pcm, arrivedAt);
  }

  private clearPlayout(clearedByLink = false): void {
    const waiting = clearedByLink ? this.wire.forgetQueued() : this.wire.clear();
    for (const name of waiting) if (name !== GREETING_END_MARK) this.markPlayed(name);
  }

  private requestHangup(): void {
    if (this.hangupRequested || this.closed) return;
    this.hangupRequested = true;
    const report = this.finish();
    for (const listener of this.hangupListeners) listener(report);
  }
}
