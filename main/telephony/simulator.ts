import { unsafeUniformIntDistribution, xoroshiro128plus, type RandomGenerator } from 'pure-rand';
import type { AmdResult, AmdSettings } from '../../shared/campaigns/amdSettings';
import { CALL_OUTCOMES, type CallOutcome } from '../../shared/campaigns/types';
import type { Clock } from '../platform/clock';
import { CallEvents } from './callEvents';
import type { CallEvent, PlaceCallRequest, ProviderCallStatus, TelephonyProvider } from './port';
import { DEFAULT_TALK, planTalk, type SimulatedTalk, type TalkPlan } from './simulatedTalk';

export type OutcomeMix = Partial<Record<CallOutcome, number>>;

export const DEFAULT_OUTCOME_MIX: OutcomeMix = { answered: 0.35, voicemail: 0.15, no_answer: 0.35, busy: 0.1, failed: 0.05 };

/** Why a simulated call failed, worded as a SIP trunk reports a real one, and saying it is not. */
export const SIMULATED_FAILURE = 'SIP 503 Service Unavailable (simulated)';

/** Who picks up answered calls and how often detection gets them wrong, as shares in [0, 1]. */
export interface SimulatedAmd {
  /** Share of picked-up calls a machine answers; unset: the outcome's own (voicemail a machine, answered a person). */
  machineRate?: number;
  /** Share of people detection takes for a machine (they get the voicemail message, or a hang-up). */
  humanAsMachineRate: number;
  /** Share of machines detection takes for a person (the agent talks to the recording). */
  machineAsHumanRate: number;
  /** Share of either that detection leaves `unknown` (the agent starts, as for a person). */
  unknownRate: number;
}

export const PERFECT_AMD: SimulatedAmd = { humanAsMachineRate: 0, machineAsHumanRate: 0, unknownRate: 0 };

/** Most greetings end in a beep; the rest in silence. */
const BEEP_RATE = 0.9;

/** One call detection ran on: who really answered, and what detection said. */
export interface SimulatedDetection {
  truth: 'human' | 'machine';
  result: AmdResult;
}

export interface SimulatorOptions {
  clock: Clock;
  seed?: number;
  outcomeMix?: OutcomeMix;
  durations?: { ringSeconds?: number; talkSeconds?: [number, number] };
  /** A scripted outcome for this number's n-th attempt, or undefined for a random one. */
  script?: (to: string, attempt: number) => CallOutcome | undefined;
  /** Whether the person at this number asks, on an answered call, not to be called again. */
  optsOut?: (to: string) => boolean;
  /** Real-time demos: 60 makes a minute-long call last a second. */
  timeScale?: number;
  /** Answering-machine detection, on calls placed with it on (default: a perfect detector). */
  amd?: SimulatedAmd;
  /** Told of each call detection runs on, when it is answered, with who really answered (which only a simulation knows). */
  onDetection?: (callId: string, detection: SimulatedDetection) => void;
  /** What people ask for on answered calls that have a conversation (default DEFAULT_TALK). */
  talk?: SimulatedTalk;
}

interface LiveCall {
  timers: number[];
  answered: boolean;
  /** How it will end if nobody hangs up; once answered, also how a hang-up ends it. */
  outcome: CallOutcome;
  optsOut: boolean;
  amd?: AmdResult;
  /** The conversation of a call a person (or a machine taken for one) answered, from the answer on; none with the audio engine. */
  talk?: { plan: TalkPlan; answeredAt: number };
}

/** The embedded provider: no network, seeded outcomes and durations, scripted where asked. */
export class SimulatorProvider implements TelephonyProvider {
  readonly name = 'simulator';
  private readonly events = new CallEvents();
  private readonly live = new Map<string, LiveCall>();
  private rng: RandomGenerator;
  /** Detection's draws come from their own stream: turning detection on leaves every other draw of a run as it was. */
  private readonly amdRng: RandomGenerator;
  /** So do the conversations': turning them on (an assistant with an engine) leaves every other draw as it was. */
  private readonly talkRng: RandomGenerator;
  private readonly talk: SimulatedTalk;
  private readonly amd: SimulatedAmd;
  private readonly mix: [CallOutcome, number][];
  private readonly ringMs: number;
  private readonly talkMs: [number, number];
  private readonly scale: number;

  constructor(private readonly options: SimulatorOptions) {
    this.rng = xoroshiro128plus(options.seed ?? 1);
    this.amdRng = this.rng.jump!();
    this.talkRng = this.amdRng.jump!();
    this.talk = options.talk ?? DEFAULT_TALK;
    this.amd = options.amd ?? PERFECT_AMD;
    const mix = options.outcomeMix ?? DEFAULT_OUTCOME_MIX;
    this.mix = CALL_OUTCOMES.filter((o) => (mix[o] ?? 0) > 0).map((o) => [o, mix[o]!]);
    this.ringMs = (options.durations?.ringSeconds ?? 25) * 1000;
    const [min, max] = options.durations?.talkSeconds ?? [30, 240];
    this.talkMs = [min * 1000, max * 1000];
    this.scale = options.timeScale ?? 1;
  }

  /** A uniform integer in [min, max]. */
  private int(min: number, max: number, rng = this.rng): number {
    return unsafeUniformIntDistribution(min, max, rng);
  }

  /** A uniform number in [0, 1), from detection's stream. */
  private amdRoll(): number {
    return this.int(0, 999_999, this.amdRng) / 1_000_000;
  }

  private pickOutcome(): CallOutcome {
    const total = this.mix.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = (this.int(0, 1_000_000) / 1_000_000) * total;
    for (const [outcome, weight] of this.mix) {
      roll -= weight;
      if (roll <= 0) return outcome;
    }
    return this.mix[this.mix.length - 1][0];
  }

  /**
   * Who picks up (the drawn or scripted outcome says, unless the scenario sets a machine rate for
   * random outcomes) and what detection decides, when, and whether a beep followed a machine's
   * greeting. The decision times are plausible for each kind and never after totalAnalysisMs.
   */
  private detect(outcome: 'answered' | 'voicemail', scripted: boolean, settings: AmdSettings): SimulatedDetection {
    const { machineRate, humanAsMachineRate, machineAsHumanRate, unknownRate } = this.amd;
    const truth = machineRate === undefined || scripted ? (outcome === 'voicemail' ? 'machine' : 'human') : this.amdRoll() < machineRate ? 'machine' : 'human';
    const roll = this.amdRoll();
    const wrong = truth === 'human' ? humanAsMachineRate : machineAsHumanRate;
    const decision = roll < unknownRate ? 'unknown' : roll < unknownRate + wrong ? (truth === 'human' ? 'machine' : 'human') : truth;
    const due = settings.totalAnalysisMs;
    const span: Record<AmdResult['decision'], [number, number]> = {
      // a short "Hello?" and then the silence that waits for an answer
      human: [settings.minWordMs + settings.afterGreetingSilenceMs, settings.greetingMs + settings.afterGreetingSilenceMs],
      // a greeting that runs past greetingMs
      machine: [settings.greetingMs, due],
      // nothing said by initialSilenceMs, or nothing decided by the deadline
      unknown: [settings.initialSilenceMs, due],
    };
    const [from, to] = span[decision].map((ms) => Math.min(ms, due));
    const ms = this.int(from, to, this.amdRng);
    // a person taken for a machine never beeps
    const beep = decision === 'machine' ? truth === 'machine' && this.amdRoll() < BEEP_RATE : null;
    return { truth, result: { decision, ms, beep } };
  }

  private schedule(call: LiveCall, afterMs: number, fire: () => void): void {
    const { clock } = this.options;
    call.timers.push(clock.at(clock.now() + afterMs / this.scale, fire));
  }

  private end(callId: string, outcome: CallOutcome): void {
    const call = this.live.get(callId);
    if (!call) return;
    call.timers.forEach((t) => this.options.clock.cancel(t));
    this.live.delete(callId);
    const at = this.options.clock.now();
    const said = call.talk && this.said(call.talk, at);
    const tool = (name: string) => said?.tools.find((use) => use.name === name);
    const callback = tool('schedule_callback')?.arguments as { at: string; note: string } | undefined;
    this.events.emit({
      callId,
      type: 'ended',
      at,
      outcome: tool('transfer_call') ? 'transferred' : outcome,
      ...(outcome === 'failed' ? { error: SIMULATED_FAILURE } : {}),
      ...(outcome === 'answered' && (call.optsOut || tool('opt_out')) ? { optedOut: true } : {}),
      ...(call.answered && call.amd ? { amd: call.amd } : {}),
      ...(said ? { transcript: said.turns, tools: said.tools } : {}),
      ...(callback ? { callback } : {}),
    });
  }

  /** What of a conversation was said and done by `at` (all of it, unless the call was hung up early), on the clock's time scale. */
  private said({ plan, answeredAt }: NonNullable<LiveCall['talk']>, at: number) {
    const scaled = (offsetMs: number) => Math.round(offsetMs / this.scale);
    const heard = (offsetMs: number) => answeredAt + scaled(offsetMs) <= at;
    return {
      turns: plan.turns.filter((turn) => heard(turn.offsetMs)).map((turn) => ({ ...turn, offsetMs: scaled(turn.offsetMs) })),
      tools: plan.tools.filter((tool) => heard(tool.offsetMs)).map(({ offsetMs, use }) => ({ ...use, at: answeredAt + scaled(offsetMs) })),
    };
  }

  async placeCall(request: PlaceCallRequest): Promise<void> {
    const { callId } = request;
    const scripted = this.options.script?.(request.to, request.attempt);
    const drawn = scripted ?? this.pickOutcome();
    const pickedUp = drawn === 'answered' || drawn === 'voicemail';
    const detection = request.voicemailDetection && pickedUp ? this.detect(drawn, scripted !== undefined, request.voicemailDetection) : null;
    // what detection decides is how the call ends: a machine gets the voicemail step, anyone else the conversation
    const outcome = detection ? (detection.result.decision === 'machine' ? 'voicemail' : 'answered') : drawn;
    const call: LiveCall = { timers: [], answered: false, outcome, optsOut: this.options.optsOut?.(request.to) ?? false, amd: detection?.result };
    this.live.set(callId, call);
    const now = () => this.options.clock.now();
    this.events.emit({ callId, type: 'dialing', at: now() });
    const ringAfter = this.int(500, 2000);
    this.schedule(call, ringAfter, () => this.events.emit({ callId, type: 'ringing', at: now() }));
    if (outcome === 'no_answer') {
      this.schedule(call, ringAfter + this.ringMs, () => this.end(callId, 'no_answer'));
    } else if (outcome === 'answered' || outcome === 'voicemail') {
      const pickUp = ringAfter + this.int(3000, 8000);
      const talkMs = this.int(...this.talkMs);
      this.schedule(call, pickUp, () => {
        call.answered = true;
        if (detection) this.options.onDetection?.(callId, detection);
        if (outcome === 'answered' && request.conversation.engine !== 'audio') call.talk = this.converse(request, talkMs, detection, call.optsOut);
        this.events.emit({ callId, type: 'answered', at: now() });
      });
      this.schedule(call, pickUp + talkMs, () => this.end(callId, outcome));
    } else {
      this.schedule(call, ringAfter + this.int(1000, 4000), () => this.end(callId, outcome));
    }
  }

  /** The conversation of a call just answered by a person, or by a machine detection took for one. */
  private converse(request: PlaceCallRequest, talkMs: number, detection: SimulatedDetection | null, optsOut: boolean): LiveCall['talk'] {
    const answeredAt = this.options.clock.now();
    const call = {
      conversation: request.conversation,
      talkMs,
      // the agent speaks once detection has decided, or at once
      firstWordMs: (detection?.result.ms ?? 0) + 400,
      truth: detection?.truth ?? 'human',
      optsOut,
      instantAt: (offsetMs: number) => answeredAt + Math.round(offsetMs / this.scale),
    };
    return { plan: planTalk(this.talkRng, call, this.talk), answeredAt };
  }

  async hangup(callId: string): Promise<void> {
    const call = this.live.get(callId);
    if (call) this.end(callId, call.answered ? call.outcome : 'cancelled');
  }

  async status(callId: string): Promise<ProviderCallStatus> {
    return this.events.status(callId, this.live.has(callId));
  }

  onEvent(listener: (event: CallEvent) => void): () => void {
    return this.events.on(listener);
  }

  async close(): Promise<void> {
    for (const callId of [...this.live.keys()]) await this.hangup(callId);
    this.events.clear();
  }
}
