import type { CallOutcome } from '../../../shared/campaigns/types';

/**
 * How a final response to our INVITE ends the call. A 2xx means answered (the call ends later, with
 * outcome `answered`, like the simulator's). 487 only reaches here after our own CANCEL on ring timeout
 * (a hang-up has already ended the call as `cancelled`).
 */
export const FINAL_RESPONSE_OUTCOMES: Readonly<Record<number, CallOutcome>> = {
  486: 'busy',
  600: 'busy',
  408: 'no_answer',
  480: 'no_answer',
  487: 'no_answer',
  603: 'declined',
  607: 'declined',
  608: 'declined',
  404: 'invalid_number',
  410: 'invalid_number',
  484: 'invalid_number',
  604: 'invalid_number',
};

export function outcomeOfFinalResponse(status: number): CallOutcome {
  if (status >= 200 && status < 300) return 'answered';
  return FINAL_RESPONSE_OUTCOMES[status] ?? 'failed';
}
