import { z } from 'zod';
import { callsQuery } from '../../shared/calls/schemas';
import { callExportFormat, EXPORT_CONTENT_TYPE, exportRequest } from '../../shared/exports/exports';
import { preflightShape } from '../../shared/campaigns/preflight';
import { campaignCreate, campaignPatch, campaignQuery, duplicateRequest, enrolmentQuery, enrolRequest, runRequest } from '../../shared/campaigns/schemas';
import {
  assistantInput,
  assistantPatch,
  companyInput,
  companyPatch,
  companyQuery,
  contactFields,
  contactInput,
  contactPatch,
  contactQuery,
  phoneNumberInput,
  phoneNumberPatch,
} from '../../shared/crm/schemas';
import { decisionsQuery, dncImportRequest, dncNumberQuery, dncNumberRequest, dncRename } from '../../shared/compliance/schemas';
import type { EntityKind } from '../../shared/contract/channels';
import { MEDIA_UPLOAD_BODY_BYTES, mediaUpload } from '../../shared/telephony/media';
import { trunkInput, trunkPatch } from '../../shared/telephony/schemas';
import type { Page } from '../../shared/crm/types';
import { voiceConnectionTest, voiceSettingsPatch } from '../../shared/voice/settings';
import { deliveriesQuery, webhookInput, webhookPatch } from '../../shared/webhooks/types';
import { AppError } from '../../shared/errors';
import { parseInput } from '../../shared/validation';
import { csvMapping } from '../../shared/crm/csvMapping';
import { RECORDING_TYPE } from '../calls/signedRecording';
import { decodePathPart } from '../platform/http/messages';
import type { Services } from '../services';
import type { ApiCaller } from '../apiKeys/apiKeys';

export interface RouteContext {
  caller: ApiCaller;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /** The raw body, for CSV uploads. */
  text: string;
  services: Services;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  /** For the OpenAPI document. */
  bodySchema?: z.ZodType;
  querySchema?: z.ZodType;
  /** CSV instead of JSON. */
  csvBody?: boolean;
  /** The largest JSON body this route reads (bytes), when it carries more than the default: a file in base64. */
  bodyLimit?: number;
  /** The handler returns { csv, filename }, sent as a text/csv download. */
  csvResponse?: boolean;
  /** The success body, for the OpenAPI document (JSON routes). */
  response?: z.ZodType;
  /** The types of file the handler may return as { download } (a StreamedFile), sent as it is made. */
  download?: string[];
  /** The handler returns { file: { file, bytes } }, sent as this type with byte ranges. */
  fileResponse?: string;
  status?: number;
  /** The CRM entity a successful call changes (pushed to open windows and the dialer, as the IPC handlers do). */
  changes?: EntityKind;
  handle(ctx: RouteContext): Promise<Record<string, unknown>>;
}

const paged = <T>(key: string, p: Page<T>) => ({ [key]: p.items, total: p.total, totalIsCapped: p.totalIsCapped, limit: p.limit, offset: p.offset });
const withId = (ctx: RouteContext, body = ctx.body) => ({ ...(body && typeof body === 'object' && !Array.isArray(body) ? body : {}), id: ctx.params.id });
const team = (ctx: RouteContext) => ({ teamId: ctx.caller.teamId });
/** ?mapping= is the column mapping as JSON (header -> contact field, "ignore" or "custom:<key>"), over the guessed one. */
const mappingQuery = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Must be a JSON object of CSV header to target, such as {"Plan":"custom:plan"}' });
      return z.NEVER;
    }
  })
  .pipe(csvMapping);
const importQuery = z.object({ companyId: z.string({ error: 'companyId is required' }).min(1, 'companyId is required'), mapping: mappingQuery.optional() });
const listOptions = z.object({ outboundEligibleOnly: z.boolean().optional() });
const numberListOptions = z.object({ assistantId: z.string().optional() });
const callsListOrExport = callsQuery.safeExtend({ format: callExportFormat.optional() });
const EXPORT_TYPES = Object.values(EXPORT_CONTENT_TYPE);
const dncImportQuery = z.object({ listId: z.string().optional(), name: z.string().optional() });

/** The local REST API: the campaign, CRM, assistant, telephony and webhook routes, each a thin call into the shared services. */
export const ROUTES: Route[] = [
  {
    method: 'GET', path: '/api/test-api-key', summary: 'Check an API key',
    handle: async (ctx) => ({ teamId: ctx.caller.teamId, keyName: ctx.caller.keyName }),
  },

  { method: 'POST', path: '/api/crm/companies', changes: 'company', summary: 'Create a company', bodySchema: companyInput, status: 201,
    handle: async (ctx) => ({ company: await ctx.services.companies.create(team(ctx), parseInput(companyInput, ctx.body)) }) },
  { method: 'GET', path: '/api/crm/companies', summary: 'List companies', querySchema: companyQuery,
    handle: async (ctx) => paged('companies', await ctx.services.companies.list(team(ctx), parseInput(companyQuery, ctx.query))) },
  { method: 'GET', path: '/api/crm/companies/:id', summary: 'Get a company',
    handle: async (ctx) => ({ company: await ctx.services.companies.get(team(ctx), ctx.params.id) }) },
  { method: 'PATCH', path: '/api/crm/companies/:id', changes: 'company', summary: 'Update a company', bodySchema: companyInput.partial(),
    handle: async (ctx) => {
      const { id, changes } = parseInput(companyPatch, withId(ctx));
      return { company: await ctx.services.companies.update(team(ctx), id, changes) };
    } },
  { method: 'DELETE', path: '/api/crm/companies/:id', changes: 'company', summary: 'Delete a company and its contacts',
    handle: async (ctx) => ({ deleted: await ctx.services.companies.remove(team(ctx), ctx.params.id) }) },

  { method: 'POST', path: '/api/crm/contacts', changes: 'contact', summary: 'Create a contact', bodySchema: contactInput, status: 201,
    handle: async (ctx) => ({ contact: await ctx.services.contacts.create(team(ctx), parseInput(contactInput, ctx.body)) }) },
  { method: 'GET', path: '/api/crm/contacts', summary: 'List and search contacts', querySchema: contactQuery,
    handle: async (ctx) => paged('contacts', await ctx.services.contacts.list(team(ctx), parseInput(contactQuery, ctx.query))) },
  { method: 'POST', path: '/api/crm/contacts/import', changes: 'contact', summary: 'Import contacts from a CSV body into ?companyId=; a column no contact field matches fills a custom field named after its header (company_notes), unless ?mapping= maps it', querySchema: importQuery, csvBody: true,
    handle: async (ctx) => {
      const { companyId, mapping } = parseInput(importQuery, ctx.query);
      return { import: await ctx.services.csvImport.import(team(ctx), ctx.text, { companyId, mapping }) };
    } },
  { method: 'GET', path: '/api/crm/contacts/:id', summary: 'Get a contact',
    handle: async (ctx) => ({ contact: await ctx.services.contacts.get(team(ctx), ctx.params.id) }) },
  { method: 'PATCH', path: '/api/crm/contacts/:id', changes: 'contact', summary: 'Update a contact', bodySchema: contactFields.omit({ companyId: true }).partial(),
    handle: async (ctx) => {
      const { id, changes } = parseInput(contactPatch, withId(ctx));
      return { contact: await ctx.services.contacts.update(team(ctx), id, changes) };
    } },
  { method: 'DELETE', path: '/api/crm/contacts/:id', changes: 'contact', summary: 'Delete a contact',
    handle: async (ctx) => ({ deleted: await ctx.services.contacts.remove(team(ctx), ctx.params.id) }) },

  { method: 'POST', path: '/api/assistants', changes: 'assistant', summary: 'Create an assistant', bodySchema: assistantInput, status: 201,
    handle: async (ctx) => ({ assistant: await ctx.services.assistants.create(team(ctx), parseInput(assistantInput, ctx.body)) }) },
  { method: 'GET', path: '/api/assistants', summary: 'List assistants',
    handle: async (ctx) => ({ assistants: await ctx.services.assistants.list(team(ctx), parseInput(listOptions, ctx.query)) }) },
  { method: 'GET', path: '/api/assistants/:id', summary: 'Get an assistant',
    handle: async (ctx) => ({ assistant: await ctx.services.assistants.get(team(ctx), ctx.params.id) }) },
  { method: 'PATCH', path: '/api/assistants/:id', changes: 'assistant', summary: 'Update an assistant', bodySchema: assistantInput.partial(),
    handle: async (ctx) => {
      const { id, changes } = parseInput(assistantPatch, withId(ctx));
      return { assistant: await ctx.services.assistants.update(team(ctx), id, changes) };
    } },

  { method: 'POST', path: '/api/phone-numbers', changes: 'phoneNumber', summary: 'Add a phone number', bodySchema: phoneNumberInput, status: 201,
    handle: async (ctx) => ({ phoneNumber: await ctx.services.phoneNumbers.create(team(ctx), parseInput(phoneNumberInput, ctx.body)) }) },
  { method: 'GET', path: '/api/phone-numbers', summary: 'List phone numbers',
    handle: async (ctx) => ({ phoneNumbers: await ctx.services.phoneNumbers.list(team(ctx), parseInput(numberListOptions, ctx.query)) }) },
  { method: 'GET', path: '/api/phone-numbers/:id', summary: 'Get a phone number',
    handle: async (ctx) => ({ phoneNumber: await ctx.services.phoneNumbers.get(team(ctx), ctx.params.id) }) },
  { method: 'PATCH', path: '/api/phone-numbers/:id', changes: 'phoneNumber', summary: 'Update a phone number', bodySchema: phoneNumberInput.partial(),
    handle: async (ctx) => {
      const { id, changes } = parseInput(phoneNumberPatch, withId(ctx));
      return { phoneNumber: await ctx.services.phoneNumbers.update(team(ctx), id, changes) };
    } },

  { method: 'POST', path: '/api/telephony/trunks', changes: 'sipTrunk', summary: 'Add a SIP trunk (the password is stored, never returned)', bodySchema: trunkInput, status: 201,
    handle: async (ctx) => ({ trunk: await ctx.services.trunks.create(team(ctx), parseInput(trunkInput, ctx.body)) }) },
  { method: 'GET', path: '/api/telephony/trunks', summary: 'List SIP trunks',
    handle: async (ctx) => ({ trunks: await ctx.services.trunks.list(team(ctx)) }) },
  { method: 'PATCH', path: '/api/telephony/trunks/:id', changes: 'sipTrunk', summary: 'Update a SIP trunk (password left out: kept; null: cleared)', bodySchema: trunkInput.partial(),
    handle: async (ctx) => {
      const { id, changes } = parseInput(trunkPatch, withId(ctx));
      return { trunk: await ctx.services.trunks.update(team(ctx), id, changes) };
    } },
  { method: 'DELETE', path: '/api/telephony/trunks/:id', changes: 'sipTrunk', summary: 'Delete a SIP trunk no SIP number calls through',
    handle: async (ctx) => ({ deleted: await ctx.services.trunks.remove(team(ctx), ctx.params.id) }) },

  { method: 'POST', path: '/api/media', summary: 'Upload a WAV (PCM, μ-law or A-law; base64 in "data") for an assistant’s greetingAudioId or voicemailAudioId', bodySchema: mediaUpload, status: 201, bodyLimit: MEDIA_UPLOAD_BODY_BYTES,
    handle: async (ctx) => ({ media: await ctx.services.media.upload(team(ctx), parseInput(mediaUpload, ctx.body)) }) },
  { method: 'GET', path: '/api/media/:id', summary: 'Get uploaded audio (its name and duration)',
    handle: async (ctx) => ({ media: await ctx.services.media.get(team(ctx), ctx.params.id) }) },

  { method: 'POST', path: '/api/crm/campaigns', summary: 'Create a campaign (draft, or scheduled with scheduledStartAt)', bodySchema: campaignCreate, status: 201,
    handle: async (ctx) => ({ campaign: await ctx.services.campaigns.create(team(ctx), ctx.body) }) },
  { method: 'GET', path: '/api/crm/campaigns', summary: 'List campaigns', querySchema: campaignQuery,
    handle: async (ctx) => paged('campaigns', await ctx.services.campaigns.list(team(ctx), parseInput(campaignQuery, ctx.query))) },
  { method: 'GET', path: '/api/crm/campaigns/:id', summary: 'Get a campaign',
    handle: async (ctx) => ({ campaign: await ctx.services.campaigns.get(team(ctx), ctx.params.id) }) },
  { method: 'PATCH', path: '/api/crm/campaigns/:id', summary: 'Update a campaign (core settings only when not running)', bodySchema: campaignCreate.partial(),
    handle: async (ctx) => {
      const { id, changes } = parseInput(campaignPatch, withId(ctx));
      return { campaign: await ctx.services.campaigns.update(team(ctx), id, changes) };
    } },
  { method: 'DELETE', path: '/api/crm/campaigns/:id', summary: 'Delete a draft or cancelled campaign',
    handle: async (ctx) => ({ deleted: await ctx.services.campaigns.remove(team(ctx), ctx.params.id) }) },
  { method: 'POST', path: '/api/crm/campaigns/:id/duplicate', summary: 'Copy a campaign (settings, numbers, contacts) into a new Draft named as the optional body { "name" } says, else "<name> (copy)"', status: 201,
    handle: async (ctx) => {
      const { id, name } = parseInput(duplicateRequest, withId(ctx));
      return { campaign: await ctx.services.enrolment.duplicate(team(ctx), id, name) };
    } },
  { method: 'POST', path: '/api/crm/campaigns/:id/contacts', summary: 'Enrol contacts by contactIds or an all_eligible audience', bodySchema: enrolRequest,
    handle: async (ctx) => ({ ...(await ctx.services.enrolment.enrol(team(ctx), parseInput(enrolRequest, withId(ctx)))) }) },
  { method: 'GET', path: '/api/crm/campaigns/:id/contacts', summary: "The campaign's contacts in queue order", querySchema: enrolmentQuery.omit({ id: true }),
    handle: async (ctx) => paged('contacts', await ctx.services.enrolment.list(team(ctx), parseInput(enrolmentQuery, withId(ctx, ctx.query)))) },
  { method: 'POST', path: '/api/crm/campaigns/:id/run', summary: 'start, pause, resume or cancel', bodySchema: runRequest.omit({ id: true }),
    handle: async (ctx) => {
      const { id, action } = parseInput(runRequest, withId(ctx));
      return { campaign: await ctx.services.campaigns.run(team(ctx), id, action) };
    } },
  { method: 'GET', path: '/api/crm/campaigns/:id/dashboard', summary: 'Campaign figures: counts by status and outcome, calls in progress, attempts and the calls over time',
    handle: async (ctx) => ({ dashboard: await ctx.services.dashboard.dashboard(team(ctx), ctx.params.id) }) },
  { method: 'GET', path: '/api/crm/campaigns/:id/call-series', summary: 'Calls over time by outcome, bucketed by start time',
    handle: async (ctx) => ({ callSeries: await ctx.services.dashboard.callSeries(team(ctx), ctx.params.id) }) },
  { method: 'GET', path: '/api/crm/campaigns/:id/preflight', summary: "The launch check: contacts lacking each template variable, skipped by reason, never in legal hours, and whether the assistant's engine answers", response: z.object({ success: z.literal(true), preflight: preflightShape }),
    handle: async (ctx) => ({ preflight: await ctx.services.preflight.campaign(team(ctx), ctx.params.id) }) },
  { method: 'GET', path: '/api/crm/campaigns/:id/analysis', summary: "What the post-call analysis found: calls analysed, pending and failed, the success rate, and each enum field's values counted",
    handle: async (ctx) => ({ results: await ctx.services.analysisResults(team(ctx), ctx.params.id) }) },
  { method: 'GET', path: '/api/crm/calls', summary: 'Calls, newest first, by campaignId, outcome and start (from inclusive, to exclusive; ISO-8601); paged by offset, or by cursor (a page\'s nextCursor); with format=csv or jsonl, every call the filters pick as one file (with transcript, tools and analysis)', querySchema: callsListOrExport, download: EXPORT_TYPES,
    handle: async (ctx) => {
      const { format, ...query } = parseInput(callsListOrExport, ctx.query);
      if (format) return { download: await ctx.services.exports.open(team(ctx), { kind: 'calls', format, filters: query }) };
      const calls = await ctx.services.calls.list(team(ctx), query);
      return { ...paged('calls', calls), nextCursor: calls.nextCursor };
    } },
  { method: 'GET', path: '/api/crm/campaigns/:id/results.csv', summary: "The campaign's results as CSV: a row per enrolled contact (status, attempts, last outcome, the summary and each collected field of its latest analysed call)", download: [EXPORT_CONTENT_TYPE.csv],
    handle: async (ctx) => ({ download: await ctx.services.exports.open(team(ctx), parseInput(exportRequest, { kind: 'results', campaignId: ctx.params.id })) }) },
  { method: 'GET', path: '/api/crm/calls/:id', summary: 'A call with its transcript, the tools the assistant called, answering-machine detection and its recording (url, bytes) when it was recorded',
    handle: async (ctx) => ({ call: await ctx.services.calls.detail(team(ctx), ctx.params.id, (id) => `/api/crm/calls/${id}/recording`) }) },
  { method: 'GET', path: '/api/crm/calls/:id/recording', summary: "The call's recording (audio/wav, both sides); a Range request gets 206 and that part", fileResponse: RECORDING_TYPE,
    handle: async (ctx) => {
      const recording = await ctx.services.calls.recordingOf(team(ctx), ctx.params.id);
      if (!recording) throw new AppError('not_found', `Call ${ctx.params.id} has no recording`);
      return { file: recording };
    } },

  { method: 'GET', path: '/api/dnc-lists', summary: 'DNC lists, with how many contacts and waiting enrolments each blocks',
    handle: async (ctx) => ({ dncLists: ctx.services.dncLists.list(team(ctx)) }) },
  { method: 'POST', path: '/api/dnc-lists/import', summary: 'Add a file of numbers (one per line, or CSV) to ?listId= or to the list ?name= (created when new)', querySchema: dncImportQuery, csvBody: true,
    handle: async (ctx) => ({ import: await ctx.services.dncLists.import(team(ctx), parseInput(dncImportRequest, { ...ctx.query, text: ctx.text })) }) },
  { method: 'PATCH', path: '/api/dnc-lists/:id', summary: 'Rename a DNC list', bodySchema: dncRename.omit({ id: true }),
    handle: async (ctx) => {
      const { id, name } = parseInput(dncRename, withId(ctx));
      return { dncList: ctx.services.dncLists.rename(team(ctx), id, name) };
    } },
  { method: 'DELETE', path: '/api/dnc-lists/:id', summary: 'Delete a DNC list and its numbers',
    handle: async (ctx) => ({ deleted: ctx.services.dncLists.remove(team(ctx), ctx.params.id) }) },
  { method: 'GET', path: '/api/dnc-lists/:id/numbers', summary: "A DNC list's numbers in order; ?search= digits to find one", querySchema: dncNumberQuery.omit({ listId: true }),
    handle: async (ctx) => paged('numbers', ctx.services.dncNumbers.numbers(team(ctx), parseInput(dncNumberQuery, { ...ctx.query, listId: ctx.params.id }))) },
  { method: 'POST', path: '/api/dnc-lists/:id/numbers', summary: 'Put one number on a DNC list', bodySchema: dncNumberRequest.omit({ listId: true }), status: 201,
    handle: async (ctx) => ctx.services.dncNumbers.add(team(ctx), parseInput(dncNumberRequest, { ...(ctx.body as object), listId: ctx.params.id })) },
  { method: 'DELETE', path: '/api/dnc-lists/:id/numbers/:number', summary: 'Take one number off a DNC list',
    handle: async (ctx) => ({ removed: ctx.services.dncNumbers.remove(team(ctx), parseInput(dncNumberRequest, { listId: ctx.params.id, number: ctx.params.number })) }) },
  { method: 'GET', path: '/api/crm/campaigns/:id/decisions', summary: 'Compliance decisions (skips and holds with their reasons), newest first; ?contactId= for one contact', querySchema: decisionsQuery.omit({ campaignId: true }),
    handle: async (ctx) => paged('decisions', ctx.services.decisions.list(team(ctx), parseInput(decisionsQuery, { ...ctx.query, campaignId: ctx.params.id }))) },
  { method: 'GET', path: '/api/crm/campaigns/:id/decisions.csv', summary: "The campaign's compliance decisions as CSV", csvResponse: true,
    handle: async (ctx) => ({ csv: ctx.services.decisions.csv(team(ctx), ctx.params.id), filename: `decisions-${ctx.params.id}.csv` }) },

  { method: 'GET', path: '/api/settings/voice', summary: 'The voice engine’s connection: whether an OpenAI API key is set (never the key itself) and the base URL in force',
    handle: async (ctx) => ({ voice: ctx.services.voiceSettings.view() }) },
  { method: 'PATCH', path: '/api/settings/voice', summary: 'Change the voice settings: openaiApiKey (write-only; null removes it) and openaiBaseUrl (null: OPENAI_BASE_URL or the default)', bodySchema: voiceSettingsPatch,
    handle: async (ctx) => ({ voice: ctx.services.voiceSettings.update(ctx.body) }) },
  { method: 'POST', path: '/api/settings/voice/test', summary: 'Open a realtime session with the voice settings, or with the values in the body, and say whether it worked', bodySchema: voiceConnectionTest,
    handle: async (ctx) => ({ test: await ctx.services.voiceSettings.testConnection(ctx.body) }) },

  { method: 'POST', path: '/api/webhooks', summary: 'Add a webhook endpoint { url, events }; the answer holds its signing secret, shown only here and on rotate-secret', bodySchema: webhookInput, status: 201,
    handle: async (ctx) => ({ ...ctx.services.webhooks.create(team(ctx), ctx.body) }) },
  { method: 'GET', path: '/api/webhooks', summary: "The team's webhook endpoints (never their secrets)",
    handle: async (ctx) => ({ webhooks: ctx.services.webhooks.list(team(ctx)) }) },
  { method: 'PATCH', path: '/api/webhooks/:id', summary: 'Change a webhook endpoint: url, events, enabled', bodySchema: webhookPatch.omit({ id: true }),
    handle: async (ctx) => ({ webhook: ctx.services.webhooks.update(team(ctx), withId(ctx)) }) },
  { method: 'DELETE', path: '/api/webhooks/:id', summary: 'Delete a webhook endpoint and its delivery log',
    handle: async (ctx) => ({ deleted: ctx.services.webhooks.remove(team(ctx), ctx.params.id) }) },
  { method: 'POST', path: '/api/webhooks/:id/rotate-secret', summary: 'Replace the signing secret; the answer holds the new one, shown only here',
    handle: async (ctx) => ({ ...ctx.services.webhooks.rotateSecret(team(ctx), ctx.params.id) }) },
  { method: 'GET', path: '/api/webhooks/:id/deliveries', summary: 'The delivery log, newest first: status, attempts, last status code, duration and error', querySchema: deliveriesQuery.omit({ id: true }),
    handle: async (ctx) => ({ deliveries: ctx.services.webhooks.deliveries(team(ctx), withId(ctx, ctx.query)) }) },
  { method: 'POST', path: '/api/webhooks/:id/deliveries/:deliveryId/resend', summary: 'Send a delivery’s event again (same webhook-id and body) as a new delivery',
    handle: async (ctx) => ({ delivery: ctx.services.webhooks.resend(team(ctx), { id: ctx.params.id, deliveryId: ctx.params.deliveryId }) }) },
];

export interface MatchedRoute {
  route: Route;
  params: Record<string, string>;
}

const compiled = ROUTES.map((route) => ({
  route,
  names: [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]),
  pattern: new RegExp(`^${route.path.replace(/:(\w+)/g, '([^/]+)')}$`),
}));

/** The route for a method and path; a path known under another method is a 405, an unknown one a 404 (a malformed %-escape in it throws a 400). */
export function matchRoute(method: string, pathname: string): MatchedRoute | AppError {
  let pathKnown = false;
  for (const { route, names, pattern } of compiled) {
    const m = pattern.exec(pathname);
    if (!m) continue;
    pathKnown = true;
    if (route.method !== method) continue;
    return { route, params: Object.fromEntries(names.map((name, i) => [name, decodePathPart(m[i + 1])])) };
  }
  return pathKnown ? new AppError('not_found', `${method} is not supported on ${pathname}`) : new AppError('not_found', `No route ${method} ${pathname}`);
}
