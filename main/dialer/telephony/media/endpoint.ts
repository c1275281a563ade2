/** RTP payload formats we offer: G.711 μ-law (0) and A-law (8). */
export type Codec = 'PCMU' | 'PCMA';

/** What a call should hear and where its audio goes once it is answered. */
export interface CallAudioPlan {
  callId: string;
  from: string;
  to: string;
  /** Bridge audio both ways to this WebSocket agent (Media Streams message shape) when set. */
  agentUrl: string | null;
  /** Otherwise play this WAV file once answered. */
  greetingWav: string | null;
  /** Played instead when the call reaches voicemail and the voicemail action is leave_message. */
  voicemailWav: string | null;
  /** Write both directions to this WAV file when set (on close; 8 kHz, channel 1 the far end, channel 2 what it heard). */
  recordingPath: string | null;
}

/** What the call turned out to be, as the agent reported it, when the media side asks to hang up. */
export interface CallReport {
  /** The agent heard an answering machine (the voicemail message, if any, has been played). */
  voicemail: boolean;
  /** The person asked not to be called again. */
  optedOut: boolean;
  /** Why the call cannot go on (the voice agent could not be reached): the call is a technical failure. */
  failure: string | null;
}

export interface MediaStats {
  packetsSent: number;
  packetsReceived: number;
  /** Frames sent more than 20 ms after their slot, or skipped (the event loop was held up). */
  framesLate: number;
}

/**
 * One call's RTP leg: opened before the INVITE (its port goes in the SDP offer), started on answer.
 * Implemented by openMediaEndpoint.ts.
 */
export interface MediaEndpoint {
  /** The address the UDP socket is bound to (the bindAddress it was opened with). */
  readonly address: string;
  readonly port: number;
  /**
   * The call was answered: exchange audio with the far end from the SDP answer. Sends a 20 ms frame
   * every 20 ms from now on (silence when there is nothing to play) and latches onto the address the
   * far end's packets come from. Throws when called twice or after close.
   */
  start(remote: { address: string; port: number; codec: Codec }): Promise<void>;
  /**
   * Play a WAV file (any rate, channels, PCM or G.711) to the far end now (e.g. the voicemail message),
   * replacing what was playing; before start, it replaces the greeting. Rejects for a file that is not a WAV.
   */
  play(wavPath: string): Promise<void>;
  /**
   * Fires once when the agent ends the call (closes its socket, cannot be reached, or reported voicemail
   * and the message has been played); the SIP side then sends BYE and reports the call as `report` says.
   */
  onHangupRequest(listener: (report: CallReport) => void): void;
  /** What the agent has reported so far (also for a call the far end hangs up). */
  readonly report: CallReport;
  readonly stats: MediaStats;
  /** Stops the audio, sends the agent `stop`, and writes the recording; safe to call more than once. */
  close(): Promise<void>;
}

/** Binds an ephemeral UDP port on bindAddress; rejects when the greeting WAV cannot be read. */
export type OpenMediaEndpoint = (plan: CallAudioPlan, options: { bindAddress: string }) => Promise<MediaEndpoint>;
