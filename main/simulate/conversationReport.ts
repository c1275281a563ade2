import { CALLBACK_NOT_POSSIBLE } from '../dialer/callback';
import type { CallRecord } from './callRecord';

/** The simulated assistant of a scenario with conversations: templates with variables, and a number to transfer to. */
export const SIMULATED_ASSISTANT = {
  engine: 'realtime',
  greeting: 'Hi {{firstName|there}}, this is {{assistant}}. Do you have a minute?',
  prompt: 'I am calling to follow up on your enquiry. Keep it short and friendly, and offer a callback when {{firstName|they}} are busy.',
  voicemailMessage: 'Hi {{firstName|there}}, this is {{assistant}}. Please call us back when you can.',
  transferNumber: '+12025550199',
} as const;

/** What a run's conversations came to: calls with a transcript, and what the people asked for. */
export interface ConversationReport {
  transcripts: number;
  transfers: number;
  optOuts: number;
  /** Callbacks asked for, and how many of them the dialer could not schedule (the contact's attempts were used up). */
  callbacks: { asked: number; scheduled: number; notPossible: number };
}

export function conversationReport(calls: readonly CallRecord[], transcripts: number): ConversationReport {
  const report: ConversationReport = { transcripts, transfers: 0, optOuts: 0, callbacks: { asked: 0, scheduled: 0, notPossible: 0 } };
  for (const call of calls) {
    if (call.outcome === 'transferred') report.transfers++;
    if (call.tools?.includes('opt_out')) report.optOuts++;
    if (!call.callback) continue;
    report.callbacks.asked++;
    if (call.callback.result?.startsWith(CALLBACK_NOT_POSSIBLE)) report.callbacks.notPossible++;
    else report.callbacks.scheduled++;
  }
  return report;
}
