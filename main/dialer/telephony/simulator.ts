import { unsafeUniformIntDistribution, xoroshiro128plus, type RandomGenerator } from 'pure-rand';
import { CALL_OUTCOMES, type CallOutcome } from '../../../shared/campaigns/types';
import type { Clock } from '../clock';
import { CallEvents } from './callEvents';
import type { CallEvent, PlaceCallRequest, ProviderCallStatus, TelephonyProvider } from './port';

export type OutcomeMix = Partial<Record<CallOutcome, number>>;

export const DEFAULT_OUTCOME_MIX: OutcomeMix = { answered: 0.35, voicemail: 0.15, no_answer: 0.35, busy: 0.1, failed: 0.05 };

/** Why a simulated call failed, worded as a SIP trunk reports a real one, and saying it is not. */
export const SIMULATED_FAILURE = 'SIP 503 Service Unavailable (simulated)';

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
}

interface LiveCall {
  timers: number[];
  answered: boolean;
  /** How it will end if nobody hangs up; once answered, also how a hang-up ends it. */
  outcome: CallOutcome;
  optsOut: boolean;
}

/** The embedded provider: no network, seeded outcomes and durations, scripted where asked. */
export class SimulatorProvider implements TelephonyProvider {
  readonly name = 'simulator';
  private readonly events = new CallEvents();
  private readonly live = new Map<string, LiveCall>();
  private rng: RandomGenerator;
  private readonly mix: [CallOutcome, number][];
  private readonly ringMs: number;
  private readonly talkMs: [number, number];
  private readonly scale: number;

  constructor(private readonly options: SimulatorOptions) {
    this.rng = xoroshiro128plus(options.seed ?? 1);
    const mix = options.outcomeMix ?? DEFAULT_OUTCOME_MIX;
    this.mix = CALL_OUTCOMES.filter((o) => (mix[o] ?? 0) > 0).map((o) => [o, mix[o]!]);
    this.ringMs = (options.durations?.ringSeconds ?? 25) * 1000;
    const [min, max] = options.durations?.talkSeconds ?? [30, 240];
    this.talkMs = [min * 1000, max * 1000];
    this.scale = options.timeScale ?? 1;
  }

  /** A uniform integer in [min, max]. */
  private int(min: number, max: number): number {
    return unsafeUniformIntDistribution(min, max, this.rng);
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


  private schedule(call: LiveCall, afterMs: number, fire: () => void): void {
    const { clock } = this.options;
    call.timers.push(clock.at(clock.now() + afterMs / this.scale, fire));
  }

  private end(callId: string, outcome: CallOutcome): void {
    const call = this.live.get(callId);
    if (!call) return;
    call.timers.forEach((t) => this.options.clock.cancel(t));
    this.live.delete(callId);
    this.events.emit({
      callId,
      type: 'ended',
      at: this.options.clock.now(),
      outcome,
      ...(outcome === 'failed' ? { error: SIMULATED_FAILURE } : {}),
      ...(outcome === 'answered' && call.optsOut ? { optedOut: true } : {}),
    });
  }

  async placeCall(request: PlaceCallRequest): Promise<void> {
    const { callId } = request;
    const outcome = this.options.script?.(request.to, request.attempt) ?? this.pickOutcome();
    const call: LiveCall = { timers: [], answered: false, outcome, optsOut: this.options.optsOut?.(request.to) ?? false };
    this.live.set(callId, call);
    const now = () => this.options.clock.now();
    this.events.emit({ callId, type: 'dialing', at: now() });
    const ringAfter = this.int(500, 2000);
    this.schedule(call, ringAfter, () => this.events.emit({ callId, type: 'ringing', at: now() }));
    if (outcome === 'no_answer') {
      this.schedule(call, ringAfter + this.ringMs, () => this.end(callId, 'no_answer'));
    } else if (outcome === 'answered' || outcome === 'voicemail') {
      const pickUp = ringAfter + this.int(3000, 8000);
      this.schedule(call, pickUp, () => {
        call.answered = true;
        this.events.emit({ callId, type: 'answered', at: now() });
      });
      this.schedule(call, pickUp + this.int(...this.talkMs), () => this.end(callId, outcome));
    } else {
      this.schedule(call, ringAfter + this.int(1000, 4000), () => this.end(callId, outcome));
    }
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
