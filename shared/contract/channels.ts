import { z } from 'zod';
import type { CsvImportProgress, CsvImportResult, CsvPreview } from '../crm/csvImport';
import { CSV_TOO_LARGE, MAX_CSV_BYTES } from '../crm/csvImport';
import { csvMapping } from '../crm/csvMapping';
import {
  assistantInput,
  assistantPatch,
  byId,
  companyInput,
  companyPatch,
  companyQuery,
  contactInput,
  contactPatch,
  contactQuery,
  phoneNumberInput,
  phoneNumberPatch,
} from '../crm/schemas';
import type { Assistant, Company, CompanyDeletion, Contact, Page, PhoneNumber } from '../crm/types';
import { campaignPatchWithContacts, campaignQuery, contactSelection, duplicateRequest, enrolmentQuery, enrolRequest, runRequest } from '../campaigns/schemas';
import { callsQuery } from '../calls/schemas';
import { exportRequest, type ExportProgress, type SavedExport } from '../exports/exports';
import type { PreviewContact } from '../assistants/preview';
import type { AnalysisResults } from '../analysis/results';
import { preflightDraft, type Preflight } from '../campaigns/preflight';
import type { CallDetail, CallPage } from '../calls/types';
import type { CallOutcome, CallSeries, Campaign, CampaignContact, CampaignDashboard, EnrolmentResult } from '../campaigns/types';
import { mediaUpload, type MediaInfo } from '../telephony/media';
import { trunkInput, trunkPatch } from '../telephony/schemas';
import type { SipTrunkInfo } from '../telephony/trunk';
import type { PublicSettings } from '../settings/schema';
import { decisionsQuery, dncImportRequest, dncNumberQuery, dncNumberRequest, dncRename } from '../compliance/schemas';
import type { ComplianceDecision, DncImportResult, DncList, DncNumber } from '../compliance/types';
import type { ApiKeyInfo } from './apiKeyInfo';
import type { BackupInfo, BackupList, RestoreResult } from './backupInfo';
import {
  deliveriesQuery,
  resendRequest,
  webhookInput,
  webhookPatch,
  webhookRef,
  type EndpointDisabled,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookWithSecret,
} from '../webhooks/types';
import { voiceConnectionTest, voiceSettingsPatch, type ConnectionTestResult, type VoiceSettingsView } from '../voice/settings';

/** A request/response channel: the request schema is checked in main; the response type is compile-time only. */
interface ChannelSpec<Req extends z.ZodType, Res> {
  request: Req;
  response?: Res;
}
const channel = <Res>() => <Req extends z.ZodType>(request: Req): ChannelSpec<Req, Res> => ({ request });

const csvText = z.string({ error: 'CSV text is required' }).min(1, 'The file is empty').max(MAX_CSV_BYTES, CSV_TOO_LARGE);

/**
 * What this run of the app uses, which the saved settings alone do not tell: a headless host's command line
 * overrides them until it is started without the flag, and a saved API port applies from the next start.
 */
export interface RunningApp {
  shell: 'desktop' | 'headless';
  /** The desktop app's local API port in force; null on the headless host, which serves the API on its own origin. */
  apiPort: number | null;
  simulatorTimeScale: number;
  /** The settings this run took from its command line rather than from the saved settings. */
  fromCommandLine: 'simulatorTimeScale'[];
}

export interface AppInfo {
  version: string;
  teamId: string;
  databaseFile: string;
  running: RunningApp;
}

/** Every request the renderer (or any other client of the handler table) can make. */
export const channels = {
  'app.info': channel<AppInfo>()(z.object({}).default({})),

  'companies.list': channel<Page<Company>>()(companyQuery),
  'companies.get': channel<Company>()(byId),
  'companies.create': channel<Company>()(companyInput),
  'companies.update': channel<Company>()(companyPatch),
  'companies.deletion': channel<CompanyDeletion>()(byId),
  'companies.delete': channel<{ id: string }>()(byId),

  'contacts.list': channel<Page<Contact>>()(contactQuery),
  'contacts.get': channel<Contact>()(byId),
  'contacts.create': channel<Contact>()(contactInput),
  'contacts.update': channel<Contact>()(contactPatch),
  'contacts.delete': channel<{ id: string }>()(byId),
  'contacts.importPreview': channel<CsvPreview>()(z.object({ csv: csvText, mapping: csvMapping.optional() })),
  'contacts.import': channel<CsvImportResult>()(
    z.object({ companyId: z.string().min(1, 'Company is required'), csv: csvText, mapping: csvMapping.optional() }),
  ),

  'assistants.list': channel<Assistant[]>()(z.object({ outboundEligibleOnly: z.boolean().optional() }).default({})),
  'assistants.get': channel<Assistant>()(byId),
  'assistants.create': channel<Assistant>()(assistantInput),
  'assistants.update': channel<Assistant>()(assistantPatch),
  /** A contact as the assistant form's preview renders the templates for it. */
  'assistants.previewContact': channel<PreviewContact>()(z.object({ contactId: z.string({ error: 'Choose a contact' }).min(1, 'Choose a contact') })),

  'phoneNumbers.list': channel<PhoneNumber[]>()(z.object({ assistantId: z.string().optional() }).default({})),
  'phoneNumbers.get': channel<PhoneNumber>()(byId),
  'phoneNumbers.create': channel<PhoneNumber>()(phoneNumberInput),
  'phoneNumbers.update': channel<PhoneNumber>()(phoneNumberPatch),

  'trunks.list': channel<SipTrunkInfo[]>()(z.object({}).default({})),
  'trunks.create': channel<SipTrunkInfo>()(trunkInput),
  'trunks.update': channel<SipTrunkInfo>()(trunkPatch),
  'trunks.remove': channel<{ id: string }>()(byId),

  /** A WAV for an assistant's greeting or voicemail: checked, kept in the app's media folder, referred to by the id it returns. */
  'media.upload': channel<MediaInfo>()(mediaUpload),

  'campaigns.list': channel<Page<Campaign>>()(campaignQuery),
  'campaigns.get': channel<Campaign>()(byId),
  // the service validates the whole body itself, so schema and reference errors are named together; the
  // contacts under `enrol` are enrolled in the same transaction
  'campaigns.create': channel<Campaign>()(z.looseObject({ enrol: contactSelection.optional() })),
  'campaigns.update': channel<Campaign>()(campaignPatchWithContacts),
  'campaigns.delete': channel<{ id: string }>()(byId),
  'campaigns.duplicate': channel<Campaign>()(duplicateRequest),
  'campaigns.run': channel<Campaign>()(runRequest),
  'campaigns.enrol': channel<EnrolmentResult>()(enrolRequest),
  'campaigns.contacts': channel<Page<CampaignContact>>()(enrolmentQuery),
  'campaigns.dashboard': channel<CampaignDashboard>()(byId),
  'campaigns.callSeries': channel<CallSeries>()(byId),
  /** The launch check over the contacts a campaign holds; a draft one over those the New Campaign dialog would enrol. */
  'campaigns.preflight': channel<Preflight>()(byId),
  'campaigns.preflightDraft': channel<Preflight>()(preflightDraft),
  /** What the post-call analysis found across the campaign's calls (the monitor's Results). */
  'campaigns.results': channel<AnalysisResults>()(byId),
  'calls.list': channel<CallPage>()(callsQuery),
  /** One call with its transcript, tools and recording (its url plays in this window for a while). */
  'calls.get': channel<CallDetail>()(byId),

  'dnc.lists': channel<DncList[]>()(z.object({}).default({})),
  'dnc.import': channel<DncImportResult>()(dncImportRequest),
  'dnc.rename': channel<DncList>()(dncRename),
  'dnc.delete': channel<{ id: string }>()(byId),
  'dnc.numbers': channel<Page<DncNumber>>()(dncNumberQuery),
  'dnc.addNumber': channel<{ number: string; added: boolean }>()(dncNumberRequest),
  'dnc.removeNumber': channel<{ number: string }>()(dncNumberRequest),
  'compliance.decisions': channel<Page<ComplianceDecision>>()(decisionsQuery),
  'compliance.decisionsCsv': channel<{ csv: string }>()(byId),
  /** Saves an export to a file the person picks (the desktop window; the headless host's page downloads it from /exports/). */
  'exports.save': channel<SavedExport>()(exportRequest),

  'apiKeys.list': channel<ApiKeyInfo[]>()(z.object({}).default({})),
  'apiKeys.create': channel<{ key: string; apiKey: ApiKeyInfo }>()(
    z.object({ name: z.string({ error: 'Name is required' }).trim().min(1, 'Name is required').max(100) }),
  ),
  'apiKeys.revoke': channel<ApiKeyInfo>()(byId),

  'settings.get': channel<PublicSettings>()(z.object({}).default({})),
  // the settings store validates the patch itself, naming every bad key
  'settings.update': channel<PublicSettings>()(z.looseObject({})),
  /** The voice engine's connection: the API key goes in sealed and never comes back out. */
  'voice.getSettings': channel<VoiceSettingsView>()(z.object({}).default({})),
  'voice.updateSettings': channel<VoiceSettingsView>()(voiceSettingsPatch),
  'voice.testConnection': channel<ConnectionTestResult>()(voiceConnectionTest.default({})),

  'webhooks.list': channel<WebhookEndpoint[]>()(z.object({}).default({})),
  /** The answer holds the signing secret: shown once, here and on rotate. */
  'webhooks.create': channel<WebhookWithSecret>()(webhookInput),
  'webhooks.update': channel<WebhookEndpoint>()(webhookPatch),
  'webhooks.delete': channel<{ id: string }>()(webhookRef),
  'webhooks.rotateSecret': channel<WebhookWithSecret>()(webhookRef),
  'webhooks.deliveries': channel<WebhookDelivery[]>()(deliveriesQuery),
  'webhooks.resend': channel<WebhookDelivery>()(resendRequest),

  'backups.list': channel<BackupList>()(z.object({}).default({})),
  'backups.create': channel<BackupInfo>()(z.object({}).default({})),
  // the workspace is closed, replaced by the backup and opened again: every open page reloads afterwards
  'backups.restore': channel<RestoreResult>()(z.object({ id: z.string({ error: 'Choose a backup' }).min(1, 'Choose a backup') })),
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type RequestOf<C extends Channel> = z.input<Channels[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends Channel> = NonNullable<Channels[C]['response']>;

export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

/** What changed, so open lists refresh themselves. */
export type EntityKind = 'company' | 'contact' | 'assistant' | 'phoneNumber' | 'sipTrunk';

/** Every push from main to the renderer. */
export interface Events {
  'crm.changed': { entity: EntityKind };
  'campaigns.changed': { campaignId: string };
  'campaigns.enrolled': { campaignId: string };
  /** The dialer paused a campaign by itself (a burst of technical failures: a trunk or provider down). */
  'campaigns.autoPaused': { campaignId: string; reason: string };
  'calls.changed': { campaignId: string; callId: string; status: 'dialing' | 'ringing' | 'in_progress' | 'ended'; outcome?: CallOutcome };
  /** A call's post-call analysis is done (its fields may have changed the contact). */
  'calls.analyzed': { campaignId: string; callId: string };
  'contacts.importProgress': CsvImportProgress;
  'exports.progress': ExportProgress;
  /** The app turned off a webhook endpoint that kept failing. */
  'webhooks.endpointDisabled': EndpointDisabled;
}
export type EventName = keyof Events;
export const EVENT_NAMES: readonly EventName[] = ['crm.changed', 'campaigns.changed', 'campaigns.enrolled', 'campaigns.autoPaused', 'calls.changed', 'calls.analyzed', 'contacts.importProgress', 'exports.progress', 'webhooks.endpointDisabled'];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
