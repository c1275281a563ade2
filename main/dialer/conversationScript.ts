import { compileTemplate, contactTimeZone, CUSTOM_PREFIX, renderTemplate, TEMPLATE_VARIABLES, type CompiledTemplate, type TemplateContext } from '../../shared/assistants/templates';
import { readJson } from '../crm/json';
import type { DialAssistant, DialCampaign, DueContact } from '../db/dialerStore';
import type { CallConversation, PlaceCallRequest } from '../telephony/port';

const MINUTE_MS = 60_000;

/** Each variable as a template of its own, compiled once: rendering one reads its value (empty when there is none). */
const VARIABLES = TEMPLATE_VARIABLES.map((name) => [name, compileTemplate(`{{${name}}}`)] as const);
const customVariables = new Map<string, CompiledTemplate>();
function customVariable(name: string): CompiledTemplate {
  let template = customVariables.get(name);
  if (!template) customVariables.set(name, (template = compileTemplate(`{{${name}}}`)));
  return template;
}
/** What a contact's custom fields column holds when it has none (most contacts): nothing to parse. */
const NO_CUSTOM_FIELDS = '{}';

/** An assistant as its calls are placed: its templates compiled once, then rendered per contact. */
export interface AssistantScript {
  /** What a provider is told of the assistant. */
  assistant: PlaceCallRequest['assistant'];
  prompt: CompiledTemplate;
  greeting: CompiledTemplate;
  voicemailMessage: CompiledTemplate;
  settings: Pick<CallConversation, 'engine' | 'model' | 'voice' | 'maxCallMs' | 'transferNumber'>;
}

export function scriptOf(row: DialAssistant): AssistantScript {
  const { prompt, engine, realtimeModel, realtimeVoice, transferNumber, maxCallMinutes, ...assistant } = row;
  return {
    assistant,
    prompt: compileTemplate(prompt),
    greeting: compileTemplate(assistant.greeting),
    voicemailMessage: compileTemplate(assistant.voicemailMessage),
    settings: { engine, model: realtimeModel, voice: realtimeVoice, maxCallMs: maxCallMinutes * MINUTE_MS, transferNumber },
  };
}

/** One call to place: who is called, in which campaign, and when. */
export interface ScriptedCall {
  campaign: DialCampaign;
  contact: DueContact;
  callId: string;
  attempt: number;
  at: number;
}

/** What the templates read for this call: the contact, the names around the call, and the contact's local time. */
function contextOf({ campaign, contact, at }: ScriptedCall, assistantName: string): TemplateContext {
  return {
    contact: {
      firstName: contact.firstName,
      lastName: contact.lastName,
      email: contact.email,
      phone: contact.phone,
      jobTitle: contact.jobTitle,
      leadStatus: contact.leadStatus,
      customFields: contact.customFields === NO_CUSTOM_FIELDS ? {} : readJson<Record<string, unknown>>(contact.customFields, {}),
    },
    company: campaign.companyName,
    campaign: campaign.name,
    assistant: assistantName,
    timeZone: contactTimeZone(contact.zoneKey, campaign.callWindowTimezone),
    at,
  };
}

/**
 * The call's context for an agent of its own, flat strings: every variable's value (empty when the contact has
 * none), each custom field as `custom.<key>`, and the ids, attempt, prompt and greeting of the call.
 */
function customParameters(call: ScriptedCall, ctx: TemplateContext, rendered: { prompt: string; greeting: string }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, template] of VARIABLES) out[name] = renderTemplate(template, ctx);
  for (const key in ctx.contact.customFields) {
    const name = `${CUSTOM_PREFIX}${key}`;
    const value = renderTemplate(customVariable(name), ctx);
    if (value) out[name] = value;
  }
  out.campaignId = call.campaign.id;
  out.contactId = call.contact.contactId;
  out.callId = call.callId;
  out.attempt = String(call.attempt);
  out.prompt = rendered.prompt;
  out.greeting = rendered.greeting;
  return out;
}

/** The conversation of one call: the assistant's templates rendered for its contact, and the assistant's settings. */
export function renderConversation(script: AssistantScript, call: ScriptedCall): CallConversation {
  const ctx = contextOf(call, script.assistant.name);
  const instructions = renderTemplate(script.prompt, ctx);
  const greeting = renderTemplate(script.greeting, ctx);
  // written out rather than spread from the settings: this runs for every call, and a spread costs more than the rest
  const { engine, model, voice, maxCallMs, transferNumber } = script.settings;
  return {
    engine,
    model,
    voice,
    maxCallMs,
    transferNumber,
    instructions,
    greeting,
    voicemailMessage: renderTemplate(script.voicemailMessage, ctx),
    customParameters: customParameters(call, ctx, { prompt: instructions, greeting }),
  };
}
