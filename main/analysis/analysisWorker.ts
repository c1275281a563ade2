import { APIConnectionError, APIError } from 'openai';
import { analysisOutput } from '../../shared/analysis/collect';
import type { Clock } from '../platform/clock';
import type { EventBus } from '../platform/events';
import type { Logger } from '../platform/log';
import { AnalysisFailure, type Analyst } from './analyst';
import type { AnalysisJobStore } from './analysisJobStore';
import { contactChange } from './contactMappings';

export const MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;
/** How long an attempt may run before its job is due again (a worker that died mid-attempt). */
const HOLD_MS = 5 * 60_000;
const BATCH = 10;

/** The wait after the n-th failed attempt: doubling from 30 s, at most an hour. */
export const retryDelay = (attempts: number) => Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LONGEST_RETRY_MS);

/** Why an attempt failed, in words for the call's detail. */
function reasonOf(error: unknown): string {
  if (error instanceof APIConnectionError) return `The analysis service could not be reached: ${error.message}`;
  if (error instanceof APIError) return `The analysis service answered ${error.status}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export interface AnalysisWorkerDeps {
  jobs: AnalysisJobStore;
  clock: Clock;
  events: EventBus;
  log: Logger;
  /** Who analyses a call placed through this telephony provider. */
  analystFor: (provider: string) => Analyst;
}

/**
 * Works the analysis queue in the database, apart from the dialer: it wakes when a call ends and when a retry
 * comes due, and on start takes up what a previous run left, so a restart loses nothing. Each answer is
 * checked against the schema built from the assistant's fields; a bad one is a failed attempt with the reason.
 */
export function createAnalysisWorker({ jobs, clock, events, log, analystFor }: AnalysisWorkerDeps) {
  let timer: number | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  async function attempt(callId: string): Promise<void> {
    const input = await jobs.input(callId);
    if (!input) return;
    const schema = analysisOutput(input.fields);
    let output;
    try {
      const answer = await analystFor(input.provider).analyse(input);
      const checked = schema.safeParse(answer);
      if (!checked.success) {
        const issues = checked.error.issues.map((issue) => `${issue.path.join('.') || 'answer'}: ${issue.message}`);
        throw new AnalysisFailure(`The model's answer does not match the fields (${issues.join('; ')})`);
      }
      output = checked.data;
    } catch (error) {
      const reason = reasonOf(error);
      const at = clock.now();
      await jobs.fail(callId, reason, input.attempts < MAX_ATTEMPTS ? at + retryDelay(input.attempts) : null, at);
      log.warn('call analysis failed', { callId, attempt: input.attempts, reason });
      return;
    }
    await jobs.complete(callId, output, clock.now(), contactChange(input.fields, output.fields));
    events.emit('calls.analyzed', { campaignId: input.campaignId, callId });
  }

  async function pass(): Promise<void> {
    for (;;) {
      const now = clock.now();
      const due = await jobs.claimDue(now, now + HOLD_MS, BATCH);
      for (const callId of due) await attempt(callId).catch((error: unknown) => log.error('call analysis could not be stored', { callId, error: String(error) }));
      if (due.length < BATCH || stopped) break;
    }
    const next = await jobs.nextDue();
    if (timer !== null) clock.cancel(timer);
    timer = next === null || stopped ? null : clock.at(Math.max(next, clock.now()), wake);
  }

  /**
   * Runs a pass now, or right after the one running (a call may have ended while it read the queue). The
   * promise lets a virtual clock wait for the pass a timer started before it moves on.
   */
  function wake(): Promise<void> | undefined {
    if (stopped) return;
    if (running) {
      again = true;
      return running;
    }
    running = pass()
      .catch((error: unknown) => log.error('call analysis pass failed', { error: String(error) }))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void wake();
        }
      });
    return running;
  }

  const unsubscribe = events.on('calls.changed', (change) => {
    if (change.status === 'ended') void wake();
  });

  return {
    start: () => void wake(),
    /** Resolves once no pass is running (tests and shutdown). */
    async idle(): Promise<void> {
      while (running) await running;
    },
    async stop(): Promise<void> {
      stopped = true;
      unsubscribe();
      if (timer !== null) clock.cancel(timer);
      await this.idle();
    },
  };
}

export type AnalysisWorker = ReturnType<typeof createAnalysisWorker>;
