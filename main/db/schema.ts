import type { Generated } from 'kysely';
import type { DeliveryStatus, WebhookEventType } from '../../shared/webhooks/types';
import type { AnalysisState } from '../../shared/analysis/collect';
import type { VoiceEngine } from '../../shared/assistants/engines';
import type { AmdDecisionKind } from '../../shared/campaigns/amdSettings';
import type { CallOutcome, CampaignStatus, EnrolmentStatus, SkipReason } from '../../shared/campaigns/types';
import type { Speaker } from '../../shared/calls/types';
import type { PhoneNumberStatus } from '../../shared/crm/types';
import type { LeadStatus } from '../../shared/crm/leadStatus';
import type { StoredDecision } from '../compliance/decisionStore';

/** Table types as Kysely sees them (camelCase; CamelCasePlugin maps to the snake_case columns). */
export interface TeamTable {
  id: string;
  name: string;
  createdAt: number;
}

export interface CompanyTable {
  id: string;
  teamId: string;
  name: string;
  website: string | null;
  industry: string | null;
  phone: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  /** JSON object */
  customFields: string;
  createdAt: number;
  updatedAt: number;
}

export interface ContactTable {
  seq: Generated<number>;
  id: string;
  teamId: string;
  companyId: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  /** '|'-joined zones of the phone number; null when unknown */
  phoneZones: string | null;
  phoneSecondary: string | null;
  email: string | null;
  jobTitle: string | null;
  leadStatus: LeadStatus;
  source: string | null;
  timezone: string | null;
  doNotCall: number;
  notes: string | null;
  /** JSON array */
  tags: string;
  /** JSON object */
  customFields: string;
  createdAt: number;
  updatedAt: number;
}

export interface AssistantTable {
  id: string;
  teamId: string;
  name: string;
  greeting: string | null;
  prompt: string | null;
  voicemailMessage: string | null;
  outboundEnabled: number;
  provider: string;
  agentUrl: Generated<string | null>;
  /** Paths an older version stored; emptied when the workspace opens (see migration 013). */
  legacyGreetingPath: Generated<string | null>;
  legacyVoicemailPath: Generated<string | null>;
  greetingMediaId: Generated<string | null>;
  voicemailMediaId: Generated<string | null>;
  recordCalls: Generated<number>;
  engine: Generated<VoiceEngine>;
  realtimeModel: Generated<string>;
  realtimeVoice: Generated<string>;
  transferNumber: Generated<string | null>;
  maxCallMinutes: Generated<number>;
  /** JSON list of CollectField (see migration 018). */
  collect: Generated<string>;
  successCriterion: Generated<string | null>;
  createdAt: number;
  updatedAt: number;
}

export interface PhoneNumberTable {
  id: string;
  teamId: string;
  number: string;
  label: string | null;
  provider: string;
  /** JSON object */
  providerConfig: string;
  status: PhoneNumberStatus;
  assistantId: string | null;
  trunkId: Generated<string | null>;
  createdAt: number;
  updatedAt: number;
}

/** A SIP trunk; see migration 007. */
export interface SipTrunkTable {
  id: string;
  teamId: string;
  name: string;
  host: string;
  port: number;
  transport: 'udp' | 'tcp';
  username: string | null;
  password: string | null;
  fromUser: string | null;
  fromDomain: string | null;
  maxCallSeconds: number;
  ringTimeoutSeconds: number;
  createdAt: number;
  updatedAt: number;
}

/** An uploaded WAV, kept as media/<id>.wav in the data folder; see migration 013. */
export interface MediaTable {
  id: string;
  teamId: string;
  name: string;
  durationMs: number;
  bytes: number;
  createdAt: number;
}

/** FTS5 trigram index over contacts (rowid = contacts.seq); see migration 002. */
export interface ContactSearchTable {
  rowid: number;
  name: string;
  email: string;
  phone: string;
}

export interface CampaignTable {
  seq: Generated<number>;
  id: string;
  teamId: string;
  name: string;
  description: string;
  assistantId: string;
  companyId: string;
  status: CampaignStatus;
  scheduledStartAt: number | null;
  keepOpen: number;
  callWindowStart: string;
  callWindowEnd: string;
  callWindowTimezone: string;
  useContactTimezone: number;
  /** JSON array of weekdays, or null for every day */
  callDays: string | null;
  maxConcurrentCalls: number;
  maxAttemptsPerContact: number;
  retryDelayMinutes: number;
  retryDelayMinutesNoAnswer: number;
  retryDelayMinutesBusy: number;
  retryDelayMinutesError: number;
  retryBackoff: 'fixed' | 'exponential';
  retryBackoffMultiplier: number;
  retryBackoffCapMinutes: number;
  retryOnError: number;
  retryOnVoicemail: number;
  maxAttemptsNoAnswer: number | null;
  maxAttemptsBusy: number | null;
  maxAttemptsError: number | null;
  voicemailAction: 'leave_message' | 'hangup';
  legalHoursGuard: Generated<number>;
  rollingCapPer24h: Generated<number | null>;
  voicemailDetection: Generated<number>;
  amdMaxMs: Generated<number>;
  /** JSON object of the detection thresholds but the decision time (amdMaxMs) */
  amdThresholds: Generated<string>;
  localPresence: Generated<number>;
  audienceMode: 'all_eligible' | null;
  audienceHasPhoneOnly: Generated<number>;
  audienceExcludeDnc: Generated<number>;
  startedAt: number | null;
  completedAt: number | null;
  cancelledAt: number | null;
  deletedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface CampaignNumberTable {
  campaignId: string;
  phoneNumberId: string;
  weight: number;
  position: number;
}

export interface CampaignContactTable {
  seq: Generated<number>;
  campaignId: string;
  contactId: string;
  /** The contact's seq (rowid): how the dialer joins it. */
  contactSeq: number | null;
  status: EnrolmentStatus;
  skipReason: SkipReason | null;
  /** The contact's own zone or its number's zones ('|'-joined); null: the campaign's zone. */
  zoneKey: string | null;
  priority: Generated<number>;
  attempts: Generated<number>;
  noAnswerAttempts: Generated<number>;
  busyAttempts: Generated<number>;
  errorAttempts: Generated<number>;
  nextAttemptAt: Generated<number>;
  lastOutcome: CallOutcome | null;
  fromNumberId: string | null;
  enrolledAt: number;
  updatedAt: number;
}

export interface CallTable {
  seq: Generated<number>;
  id: string;
  teamId: string;
  campaignId: string;
  contactId: string;
  attempt: number;
  fromNumberId: string | null;
  fromNumber: string;
  toNumber: string;
  status: 'dialing' | 'ringing' | 'in_progress' | 'ended';
  outcome: CallOutcome | null;
  provider: string;
  providerCallId: string | null;
  /** The lease (dialer_leases.id) of the dialer running the call; any other value names no live dialer. */
  owner: string | null;
  error: string | null;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  durationSeconds: number | null;
  /** What answering-machine detection decided, when it ran (see migration 015); amdBeep 0/1, null for a person. */
  amdDecision: Generated<AmdDecisionKind | null>;
  amdMs: Generated<number | null>;
  amdBeep: Generated<number | null>;
}

/** One turn of a call's conversation, numbered in the order recorded (per call on SQLite, see migration 017; by an identity on PostgreSQL). */
export interface CallTurnTable {
  callId: string;
  seq: Generated<number>;
  speaker: Speaker;
  text: string;
  offsetMs: number;
  interrupted: number;
}

/** A tool the assistant called on a call, numbered in the order recorded, as its turns are. */
export interface CallToolTable {
  callId: string;
  seq: Generated<number>;
  name: string;
  /** JSON object */
  arguments: string;
  at: number;
  result: string | null;
}

/** Running counts per campaign (status:*, skip:*, outcome:*, amd:*, attempted), kept by triggers; see migrations 006 and 015. */
export interface CampaignStatTable {
  campaignId: string;
  key: string;
  n: number;
}

export interface ApiKeyTable {
  id: string;
  teamId: string;
  name: string;
  keyHash: string;
  keyPrefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** A team's do-not-call list; see migration 008. */
export interface DncListTable {
  id: string;
  teamId: string;
  name: string;
  createdAt: number;
  updatedAt: number;
}

/** A number on a list, with the list's team (the dial-time check looks numbers up by team). */
export interface DncNumberTable {
  listId: string;
  teamId: string;
  e164: string;
  addedAt: number;
}

/** A decision as the audit trail's readers know it, with its team and the order it was written in. */
export interface ComplianceDecisionTable extends StoredDecision {
  seq: Generated<number>;
  teamId: string;
}

/** A call's post-call analysis, which is also its durable job; see migration 018. */
export interface CallAnalysisTable {
  callId: string;
  teamId: string;
  state: AnalysisState;
  summary: string | null;
  success: number | null;
  /** JSON object: field key -> value. */
  fields: Generated<string>;
  error: string | null;
  attempts: Generated<number>;
  nextAttemptAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** What changed a contact, line by line; see migration 018. */
export interface ContactHistoryTable {
  seq: Generated<number>;
  contactId: string;
  at: number;
  kind: string;
  text: string;
  callId: string | null;
}

/** A team's webhook endpoint; `events` a JSON list of event types, `secret` sealed; see migration 019. */
export interface WebhookEndpointTable {
  id: string;
  teamId: string;
  url: string;
  events: string;
  enabled: Generated<number>;
  disabledReason: string | null;
  secret: string;
  createdAt: number;
  updatedAt: number;
}

/** An event taken from the webhook outbox by the worker: the exact body sent under webhook-id `id`. */
export interface WebhookEventTable {
  seq: Generated<number>;
  id: string;
  teamId: string;
  type: WebhookEventType;
  body: string;
  createdAt: number;
}

/** One event's delivery to one endpoint, with its last attempt. */
export interface WebhookDeliveryTable {
  seq: Generated<number>;
  id: string;
  eventSeq: number;
  endpointId: string;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  nextAttemptAt: number;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface Database {
  teams: TeamTable;
  companies: CompanyTable;
  contacts: ContactTable;
  contactsSearch: ContactSearchTable;
  assistants: AssistantTable;
  phoneNumbers: PhoneNumberTable;
  campaigns: CampaignTable;
  campaignNumbers: CampaignNumberTable;
  campaignContacts: CampaignContactTable;
  calls: CallTable;
  apiKeys: ApiKeyTable;
  campaignStats: CampaignStatTable;
  sipTrunks: SipTrunkTable;
  media: MediaTable;
  dncLists: DncListTable;
  dncNumbers: DncNumberTable;
  complianceDecisions: ComplianceDecisionTable;
  callTurns: CallTurnTable;
  callTools: CallToolTable;
  callAnalyses: CallAnalysisTable;
  contactHistory: ContactHistoryTable;
  webhookEndpoints: WebhookEndpointTable;
  webhookEvents: WebhookEventTable;
  webhookDeliveries: WebhookDeliveryTable;
}
