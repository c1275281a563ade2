import type { OpenAiConnection } from '../voice/voiceSettings';
import type { Analyst } from './analyst';
import { offlineAnalyst } from './offlineAnalyst';
import { createResponsesAnalyst } from './responsesAnalyst';

/**
 * Who analyses a call: a simulated call's scripted conversation is read offline (the dry run and the demo
 * need no network and no key); every other call goes to the Responses API with the voice settings' key.
 */
export function analystsFor(connection: () => OpenAiConnection): (provider: string) => Analyst {
  const responses = createResponsesAnalyst(connection);
  return (provider) => (provider === 'simulator' ? offlineAnalyst : responses);
}
