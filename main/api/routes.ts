import { z } from 'zod';
import { callsQuery } from '../../shared/calls/schemas';
import { callExportFormat, EXPORT_CONTENT_TYPE, exportRequest } from '../../shared/exports/exports';
import { preflightShape } from '../../shared/campaigns/preflight';
import { campaignCreate, campaignQuery, enrolmentQuery, enrolRequest, runRequest } from '../../shared/campaigns/schemas';
import {
  assistantInput,
  companyInput,
  companyQuery,
  contactFields,
  contactInput,
  contactQuery,
  phoneNumberInput,
} from '../../shared/crm/schemas';
import { decisionsQuery, dncNumberQuery, dncNumberRequest, dncRename } from '../../shared/compliance/schemas';
import { MEDIA_UPLOAD_BODY_BYTES, mediaUpload } from '../../shared/telephony/media';
import { trunkInput } from '../../shared/telephony/schemas';
import type { Page } from '../../shared/crm/types';
import type { Channel, ResponseOf } from '../../shared/contract/channels';
import { voiceConnectionTest, voiceSettingsPatch } from '../../shared/voice/settings';
import { deliveriesQuery, webhookInput, webhookPatch } from '../../shared/webhooks/types';
import { AppError } from '../../shared/errors';
import { isRecord, parseInput } from '../../shared/validation';
import { csvMapping } from '../../shared/crm/csvMapping';
import { RECORDING_TYPE } from '../calls/signedRecording';
import { decodePathPart } from '../platform/http/messages';
import { invokeOperation, type HandlerTable } from '../operations';
import type { Services } from '../services';
import type { ApiCaller } from '../apiKeys/apiKeys';

export interface RouteContext {
  caller: ApiCaller;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /** The raw body, for CSV uploads. */
  text: string;
  method: Route['method'];
  services: Services;
  /** The operations the IPC channels offer too: a route onto one of them does what the app does. */
  operations: HandlerTable;
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
  handle(ctx: RouteContext): Promise<Record<string, unknown>>;
}

const paged = <T>(key: string, p: Page<T>) => ({ [key]: p.items, total: p.total, totalIsCapped: p.totalIsCapped, limit: p.limit, offset: p.offset });
const team = (ctx: RouteContext) => ({ teamId: ctx.caller.teamId });

/**
 * What an operation is asked from a REST call: the path's parameters over the query of a read, or over the body of a
 * write (none: {}); a body that is not an object goes as it is, so the operation's schema names it as the bad field.
 */
function callRequest(ctx: RouteContext): unknown {
  if (ctx.method === 'GET' || ctx.method === 'DELETE') return { ...ctx.query, ...ctx.params };
  return bodyWith(ctx, ctx.params);
}

/** The body with `fields` (what the path names) added; a body that is no object goes as it is, for the schema to name `body`. */
function bodyWith(ctx: RouteContext, fields: Record<string, unknown>): unknown {
  if (ctx.body === undefined || ctx.body === null) return { ...fields };
  return isRecord(ctx.body) ? { ...ctx.body, ...fields } : ctx.body;
}

/**
 * A route onto an operation of the app's table (the same validation, rules and events as a click in the app), its
 * result answered as the seed's REST shape says (`answer`); `request` builds the operation's request when the
 * route's path or query names things otherwise.
 */
function operation<C extends Channel>(channel: C, answer: (result: ResponseOf<C>) => Record<string, unknown>, request: (ctx: RouteContext) => unknown = callRequest) {
  return { handle: async (ctx: RouteContext) => answer(await invokeOperation(ctx.operations, channel, request(ctx), team(ctx))) };
}

/** The result under one key. */
const as = (key: string) => (result: unknown) => ({ [key]: result });
const pagedAs = (key: string) => <T>(result: Page<T>) => paged(key, result);
const spread = (result: object) => ({ ...result });

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
const callsListOrExport = callsQuery.safeExtend({ format: callExportFormat.optional() });
const EXPORT_TYPES = Object.values(EXPORT_CONTENT_TYPE);
const dncImportQuery = z.object({ listId: z.string().optional(), name: z.string().optional() });

/**
 * The local REST API: the campaign, CRM, assistant, telephony and webhook routes. Most are the app's own operations
 * (operation()) under the seed's paths and answer shapes; the rest (files, downloads, CSV bodies) call a service.
 */
export const ROUTES: Route[] = [
  {
    method: 'GET', path: '/api/test-api-key', summary: 'Check an API key',
    handle: async (ctx) => ({ teamId: ctx.caller.teamId, keyName: ctx.caller.keyName }),
  },

  { method: 'POST', path: '/api/crm/companies', summary: 'Create a company', bodySchema: companyInput, status: 201,
    ...operation('companies.create', as('company')) },
  { method: 'GET', path: '/api/crm/companies', summary: 'List companies', querySchema: companyQuery,
    ...operation('companies.list', pagedAs('companies')) },
  { method: 'GET', path: '/api/crm/companies/:id', summary: 'Get a company',
    ...operation('companies.get', as('company')) },
  { method: 'PATCH', path: '/api/crm/companies/:id', summary: 'Update a company', bodySchema: companyInput.partial(),
    ...operation('companies.update', as('company')) },
  { method: 'DELETE', path: '/api/crm/companies/:id', summary: 'Delete a company and its contacts',
    ...operation('companies.delete', as('deleted')) },

  { method: 'POST', path: '/api/crm/contacts', summary: 'Create a contact', bodySchema: contactInput, status: 201,
    ...operation('contacts.create', as('contact')) },
  { method: 'GET', path: '/api/crm/contacts', summary: 'List and search contacts', querySchema: contactQuery,
    ...operation('contacts.list', pagedAs('contacts')) },
  { method: 'POST', path: '/api/crm/contacts/import', summary: 'Import contacts from a CSV body into ?companyId=; a column no contact field matches fills a custom field named after its header (company_notes), unless ?mapping= maps it', querySchema: importQuery, csvBody: true,
    handle: async (ctx) => {
      const { companyId, mapping } = parseInput(importQuery, ctx.query);
      return { import: await ctx.services.csvImport.import(team(ctx), ctx.text, { companyId, mapping }) };
    } },
  { method: 'GET', path: '/api/crm/contacts/:id', summary: 'Get a contact',
    ...operation('contacts.get', as('contact')) },
  { method: 'PATCH', path: '/api/crm/contacts/:id', summary: 'Update a contact', bodySchema: contactFields.omit({ companyId: true }).partial(),
    ...operation('contacts.update', as('contact')) },
  { method: 'DELETE', path: '/api/crm/contacts/:id', summary: 'Delete a contact',
    ...operation('contacts.delete', as('deleted')) },

  { method: 'POST', path: '/api/assistants', summary: 'Create an assistant', bodySchema: assistantInput, status: 201,
    ...operation('assistants.create', as('assistant')) },
  { method: 'GET', path: '/api/assistants', summary: 'List assistants',
    ...operation('assistants.list', as('assistants')) },
  { method: 'GET', path: '/api/assistants/:id', summary: 'Get an assistant',
    ...operation('assistants.get', as('assistant')) },
  { method: 'PATCH', path: '/api/assistants/:id', summary: 'Update an assistant', bodySchema: assistantInput.partial(),
    ...operation('assistants.update', as('assistant')) },

  { method: 'POST', path: '/api/phone-numbers', summary: 'Add a phone number', bodySchema: phoneNumberInput, status: 201,
    ...operation('phoneNumbers.create', as('phoneNumber')) },
  { method: 'GET', path: '/api/phone-numbers', summary: 'List phone numbers',
    ...operation('phoneNumbers.list', as('phoneNumbers')) },
  { method: 'GET', path: '/api/phone-numbers/:id', summary: 'Get a phone number',
    ...operation('phoneNumbers.get', as('phoneNumber')) },
  { method: 'PATCH', path: '/api/phone-numbers/:id', summary: 'Update a phone number', bodySchema: phoneNumberInput.partial(),
    ...operation('phoneNumbers.update', as('phoneNumber')) },

  { method: 'POST', path: '/api/telephony/trunks', summary: 'Add a SIP trunk (the password is stored, never returned)', bodySchema: trunkInput, status: 201,
    ...operation('trunks.create', as('trunk')) },
  { method: 'GET', path: '/api/telephony/trunks', summary: 'List SIP trunks',
    ...operation('trunks.list', as('trunks')) },
  { method: 'PATCH', path: '/api/telephony/trunks/:id', summary: 'Update a SIP trunk (password left out: kept; null: cleared)', bodySchema: trunkInput.partial(),
    ...operation('trunks.update', as('trunk')) },
  { method: 'DELETE', path: '/api/telephony/trunks/:id', summary: 'Delete a SIP trunk no SIP number calls through',
    ...operation('trunks.remove', as('deleted')) },

  { method: 'POST', path: '/api/media', summary: 'Upload a WAV (PCM, μ-law or A-law; base64 in "data") for an assistant’s greetingAudioId or voicemailAudioId', bodySchema: mediaUpload, status: 201, bodyLimit: MEDIA_UPLOAD_BODY_BYTES,
    ...operation('media.upload', as('media')) },
  { method: 'GET', path: '/api/media/:id', summary: 'Get uploaded audio (its name and duration)',
    handle: async (ctx) => ({ media: await ctx.services.media.get(team(ctx), ctx.params.id) }) },

  { method: 'POST', path: '/api/crm/campaigns', summary: 'Create a campaign (draft, or scheduled with scheduledStartAt); an optional enrol { contactIds | audience, priority } enrols contacts in the same transaction', bodySchema: campaignCreate, status: 201,
    ...operation('campaigns.create', as('campaign')) },
  { method: 'GET', path: '/api/crm/campaigns', summary: 'List campaigns', querySchema: campaignQuery,
    ...operation('campaigns.list', pagedAs('campaigns')) },
  { method: 'GET', path: '/api/crm/campaigns/:id', summary: 'Get a campaign',
    ...operation('campaigns.get', as('campaign')) },
  { method: 'PATCH', path: '/api/crm/campaigns/:id', summary: 'Update a campaign (core settings only when not running); an optional enrol { contactIds | audience, priority } enrols contacts in the same transaction', bodySchema: campaignCreate.partial(),
    ...operation('campaigns.update', as('campaign')) },
  { method: 'DELETE', path: '/api/crm/campaigns/:id', summary: 'Delete a draft or cancelled campaign',
    ...operation('campaigns.delete', as('deleted')) },
  { method: 'POST', path: '/api/crm/campaigns/:id/duplicate', summary: 'Copy a campaign (settings, numbers, contacts) into a new Draft named as the optional body { "name" } says, else "<name> (copy)"', status: 201,
    ...operation('campaigns.duplicate', as('campaign')) },
  { method: 'POST', path: '/api/crm/campaigns/:id/contacts', summary: 'Enrol contacts by contactIds or an all_eligible audience', bodySchema: enrolRequest,
    ...operation('campaigns.enrol', spread) },
  { method: 'GET', path: '/api/crm/campaigns/:id/contacts', summary: "The campaign's contacts in queue order", querySchema: enrolmentQuery.omit({ id: true }),
    ...operation('campaigns.contacts', pagedAs('contacts')) },
  { method: 'POST', path: '/api/crm/campaigns/:id/run', summary: 'start, pause, resume or cancel', bodySchema: runRequest.omit({ id: true }),
    ...operation('campaigns.run', as('campaign')) },
  { method: 'GET', path: '/api/crm/campaigns/:id/dashboard', summary: 'Campaign figures: counts by status and outcome, calls in progress, attempts and the calls over time',
    ...operation('campaigns.dashboard', as('dashboard')) },
  { method: 'GET', path: '/api/crm/campaigns/:id/call-series', summary: 'Calls over time by outcome, bucketed by start time',
    ...operation('campaigns.callSeries', as('callSeries')) },
  { method: 'GET', path: '/api/crm/campaigns/:id/preflight', summary: "The launch check: contacts lacking each template variable, skipped by reason, never in legal hours, and whether the assistant's engine answers", response: z.object({ success: z.literal(true), preflight: preflightShape }),
    ...operation('campaigns.preflight', as('preflight')) },
  { method: 'GET', path: '/api/crm/campaigns/:id/analysis', summary: "What the post-call analysis found: calls analysed, pending and failed, the success rate, and each enum field's values counted",
    ...operation('campaigns.results', as('results')) },
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
    ...operation('dnc.lists', as('dncLists')) },
  { method: 'POST', path: '/api/dnc-lists/import', summary: 'Add a file of numbers (one per line, or CSV) to ?listId= or to the list ?name= (created when new)', querySchema: dncImportQuery, csvBody: true,
    ...operation('dnc.import', as('import'), (ctx) => ({ ...ctx.query, text: ctx.text })) },
  { method: 'PATCH', path: '/api/dnc-lists/:id', summary: 'Rename a DNC list', bodySchema: dncRename.omit({ id: true }),
    ...operation('dnc.rename', as('dncList')) },
  { method: 'DELETE', path: '/api/dnc-lists/:id', summary: 'Delete a DNC list and its numbers',
    ...operation('dnc.delete', as('deleted')) },
  { method: 'GET', path: '/api/dnc-lists/:id/numbers', summary: "A DNC list's numbers in order; ?search= digits to find one", querySchema: dncNumberQuery.omit({ listId: true }),
    ...operation('dnc.numbers', pagedAs('numbers'), (ctx) => ({ ...ctx.query, listId: ctx.params.id })) },
  { method: 'POST', path: '/api/dnc-lists/:id/numbers', summary: 'Put one number on a DNC list', bodySchema: dncNumberRequest.omit({ listId: true }), status: 201,
    ...operation('dnc.addNumber', spread, (ctx) => bodyWith(ctx, { listId: ctx.params.id })) },
  { method: 'DELETE', path: '/api/dnc-lists/:id/numbers/:number', summary: 'Take one number off a DNC list',
    ...operation('dnc.removeNumber', as('removed'), (ctx) => ({ listId: ctx.params.id, number: ctx.params.number })) },
  { method: 'GET', path: '/api/crm/campaigns/:id/decisions', summary: 'Compliance decisions (skips and holds with their reasons), newest first; ?contactId= for one contact', querySchema: decisionsQuery.omit({ campaignId: true }),
    ...operation('compliance.decisions', pagedAs('decisions'), (ctx) => ({ ...ctx.query, campaignId: ctx.params.id })) },
  { method: 'GET', path: '/api/crm/campaigns/:id/decisions.csv', summary: "The campaign's compliance decisions as CSV", csvResponse: true,
    handle: async (ctx) => ({ csv: await ctx.services.decisions.csv(team(ctx), ctx.params.id), filename: `decisions-${ctx.params.id}.csv` }) },

  { method: 'GET', path: '/api/settings/voice', summary: 'The voice engine’s connection: whether an OpenAI API key is set (never the key itself) and the base URL in force',
    ...operation('voice.getSettings', as('voice')) },
  { method: 'PATCH', path: '/api/settings/voice', summary: 'Change the voice settings: openaiApiKey (write-only; null removes it) and openaiBaseUrl (null: OPENAI_BASE_URL or the default)', bodySchema: voiceSettingsPatch,
    ...operation('voice.updateSettings', as('voice')) },
  { method: 'POST', path: '/api/settings/voice/test', summary: 'Open a realtime session with the voice settings, or with the values in the body, and say whether it worked', bodySchema: voiceConnectionTest,
    ...operation('voice.testConnection', as('test')) },

  { method: 'POST', path: '/api/webhooks', summary: 'Add a webhook endpoint { url, events }; the answer holds its signing secret, shown only here and on rotate-secret', bodySchema: webhookInput, status: 201,
    ...operation('webhooks.create', spread) },
  { method: 'GET', path: '/api/webhooks', summary: "The team's webhook endpoints (never their secrets)",
    ...operation('webhooks.list', as('webhooks')) },
  { method: 'PATCH', path: '/api/webhooks/:id', summary: 'Change a webhook endpoint: url, events, enabled', bodySchema: webhookPatch.omit({ id: true }),
    ...operation('webhooks.update', as('webhook')) },
  { method: 'DELETE', path: '/api/webhooks/:id', summary: 'Delete a webhook endpoint and its delivery log',
    ...operation('webhooks.delete', as('deleted')) },
  { method: 'POST', path: '/api/webhooks/:id/rotate-secret', summary: 'Replace the signing secret; the answer holds the new one, shown only here',
    ...operation('webhooks.rotateSecret', spread) },
  { method: 'GET', path: '/api/webhooks/:id/deliveries', summary: 'The delivery log, newest first: status, attempts, last status code, duration and error', querySchema: deliveriesQuery.omit({ id: true }),
    ...operation('webhooks.deliveries', as('deliveries')) },
  { method: 'POST', path: '/api/webhooks/:id/deliveries/:deliveryId/resend', summary: 'Send a delivery’s event again (same webhook-id and body) as a new delivery',
    ...operation('webhooks.resend', as('delivery')) },
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
