import type { VoiceEngine } from '../../../shared/assistants/engines';
import { compileTemplate, customKeyOf, type TemplateVariable } from '../../../shared/assistants/templates';
import type { Preflight } from '../../../shared/campaigns/preflight';
import { SKIP_REASONS } from '../../../shared/campaigns/types';
import type { RequestOf } from '../../../shared/contract/channels';
import { countOf, NOUNS } from '../common/words';
import { SKIP_LABEL } from '../monitoring/format';
import { contactSelectionOf, type CampaignDraft } from './wizardRules';

/** The launch check in words, free of React, so it is tested in plain Node. */

const VALUE_WORDS: Record<TemplateVariable, string> = {
  firstName: 'first name',
  lastName: 'last name',
  fullName: 'name',
  company: 'company name',
  jobTitle: 'job title',
  email: 'email address',
  phone: 'phone number',
  leadStatus: 'lead status',
  localTime: 'local time',
  localDate: 'local date',
  campaign: 'campaign name',
  assistant: 'assistant name',
};

function valueWords(name: string): string {
  const key = customKeyOf(name);
  if (key !== null) return `“${key}” value`;
  return Object.hasOwn(VALUE_WORDS, name) ? VALUE_WORDS[name as TemplateVariable] : `value for {{${name}}}`;
}

/** What the assistant's templates say, and how it talks. */
export interface LaunchAssistant {
  greeting: string | null;
  prompt: string | null;
  voicemailMessage: string | null;
  engine: VoiceEngine;
}

/** What a contact without the variable hears: the fallback all its uses share, a mix, or nothing. */
function heardInstead(assistant: LaunchAssistant, name: string): string {
  const uses = [assistant.greeting, assistant.prompt, assistant.voicemailMessage].flatMap((text) => compileTemplate(text).uses.filter((use) => use.name === name));
  const fallbacks = new Set(uses.map((use) => use.fallback));
  if (fallbacks.size === 1 && !fallbacks.has(null)) {
    const [fallback] = fallbacks;
    return fallback ? `they’ll hear the fallback “${fallback}”` : 'that part is left out on purpose (an empty fallback)';
  }
  if (fallbacks.has(null) && fallbacks.size > 1) return `{{${name}}} is left empty where it has no fallback`;
  return `{{${name}}} is left empty: give it a fallback, such as {{${name}|…}}`;
}

const ENGINE_UNREACHABLE: Record<Exclude<VoiceEngine, 'audio'>, string> = {
  realtime: 'The realtime voice engine could not be reached: check the OpenAI API key in Settings → Voice engine. Calls fail until it answers.',
  'media-streams': 'The agent endpoint did not answer: calls fail until it does.',
};
const GREETING_UNSPEAKABLE = 'The greeting can’t be spoken: no OpenAI API key is set in Settings → Voice engine. Calls fail until one is, or greeting audio is uploaded.';
const NOTHING_TO_PLAY = 'The assistant has nothing to say: upload greeting audio, or write a greeting for it to speak. Calls hang up as soon as they are answered.';

/** What an engine that cannot do its part means for the calls (for audio: its greeting text, or the lack of one). */
function unreachableWarning(assistant: LaunchAssistant): string {
  if (assistant.engine !== 'audio') return ENGINE_UNREACHABLE[assistant.engine];
  return assistant.greeting?.trim() ? GREETING_UNSPEAKABLE : NOTHING_TO_PLAY;
}

const have = (n: number) => (n === 1 ? 'has' : 'have');

/** The check's warnings, one sentence each, most telling first; none when all is well. */
export function launchWarnings(preflight: Preflight, assistant: LaunchAssistant): string[] {
  const warnings: string[] = [];
  if (preflight.engineReachable === false) warnings.push(unreachableWarning(assistant));
  for (const [name, n] of Object.entries(preflight.missingVariables)) {
    if (n > 0) warnings.push(`${countOf(n, NOUNS.contact)} ${have(n)} no ${valueWords(name)} — ${heardInstead(assistant, name)}.`);
  }
  for (const reason of SKIP_REASONS) {
    const n = preflight.skipped[reason] ?? 0;
    if (n > 0) warnings.push(`${countOf(n, NOUNS.contact)} won’t be called: ${SKIP_LABEL[reason]}.`);
  }
  if (preflight.neverLegal > 0) warnings.push(`${countOf(preflight.neverLegal, NOUNS.contact)} won’t be called: the call window never meets legal calling hours where they are.`);
  return warnings;
}

/** The one line above the warnings: how many contacts, and whether anything needs a look. */
export function launchSummary(preflight: Preflight, warnings: readonly string[]): string {
  if (preflight.enrolled === 0) return 'No contacts to call yet.';
  const contacts = countOf(preflight.enrolled, NOUNS.contact);
  return warnings.length ? `${contacts}: worth a look before launch (warnings only; nothing is blocked).` : `${contacts}: every value the templates use is there, and all can be called.`;
}

/** The draft check of the New Campaign dialog: its assistant, company, audience and window; null until it has them. */
export function draftPreflightRequest(draft: CampaignDraft): RequestOf<'campaigns.preflightDraft'> | null {
  if (!draft.assistantId || !draft.companyId) return null;
  const selection = contactSelectionOf(draft.companyId, draft);
  if (!selection) return null;
  const { priority: _priority, ...audience } = selection;
  const { callWindowStart, callWindowEnd, callWindowTimezone, useContactTimezone, legalHoursGuard, fromNumberIds } = draft;
  return { assistantId: draft.assistantId, companyId: draft.companyId, ...audience, callWindowStart, callWindowEnd, callWindowTimezone, useContactTimezone, legalHoursGuard, fromNumberIds };
}
