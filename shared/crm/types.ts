import type { CollectField } from '../analysis/collect';
import type { VoiceEngine } from '../assistants/engines';
import type { MediaInfo } from '../telephony/media';
import type { LeadStatus } from './leadStatus';

export const PHONE_NUMBER_STATUSES = ['active', 'suspended', 'error'] as const;
export type PhoneNumberStatus = (typeof PHONE_NUMBER_STATUSES)[number];

export type CustomFields = Record<string, string>;

export interface Company {
  id: string;
  teamId: string;
  name: string;
  website: string | null;
  industry: string | null;
  phone: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  customFields: CustomFields;
  contactCount: number;
  createdAt: string;
  updatedAt: string;
}

/** Asked before a company is deleted: what goes with it, or why it cannot go. */
export interface CompanyDeletion {
  contacts: number;
  /** The reason it cannot be deleted (the campaign that keeps its contacts), or null. */
  blockedBy: string | null;
}

export interface Contact {
  id: string;
  teamId: string;
  companyId: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  phoneSecondary: string | null;
  email: string | null;
  jobTitle: string | null;
  leadStatus: LeadStatus;
  source: string | null;
  timezone: string | null;
  doNotCall: boolean;
  notes: string | null;
  tags: string[];
  customFields: CustomFields;
  /** The first (by name) of the team's DNC lists that holds this contact's phone, or null. */
  dncList: string | null;
  /** The shared "eligible to call" rule applied to this contact (its DNC lists included). */
  eligible: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface Assistant {
  id: string;
  teamId: string;
  name: string;
  greeting: string | null;
  prompt: string | null;
  voicemailMessage: string | null;
  outboundEnabled: boolean;
  provider: string;
  /** The live agent's WebSocket (ws:// or wss://); the call's audio is bridged to it when set. Credentials read back masked. */
  agentUrl: string | null;
  /** Uploaded WAV played once the call is answered (when there is no agent). */
  greetingAudio: MediaInfo | null;
  /** Uploaded WAV left on voicemail. */
  voicemailAudio: MediaInfo | null;
  recordCalls: boolean;
  /** How it talks to the person (VOICE_ENGINES). */
  engine: VoiceEngine;
  /** The realtime engine's model and voice. */
  realtimeModel: string;
  realtimeVoice: string;
  /** E.164 number transfer_call hands the call to; null: no transfers. */
  transferNumber: string | null;
  /** A call is ended after this many minutes. */
  maxCallMinutes: number;
  /** What the post-call analysis collects from each conversation. */
  collect: CollectField[];
  successCriterion: string | null;
  /** Outbound enabled and at least one active number assigned: may appear in the Outbound Assistant dropdown. */
  outboundEligible: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PhoneNumber {
  id: string;
  teamId: string;
  number: string;
  label: string | null;
  provider: string;
  status: PhoneNumberStatus;
  assistantId: string | null;
  /** The SIP trunk it calls through (provider 'sip'). */
  trunkId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  /** Exact up to `totalCapped`; when `totalIsCapped`, there are at least that many. */
  total: number;
  totalIsCapped: boolean;
  limit: number;
  offset: number;
}
