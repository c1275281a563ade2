import type { CampaignSettings } from '../../shared/campaigns/schemas';
import type { CampaignAudience, CampaignNumber, CampaignStatus } from '../../shared/campaigns/types';
import type { Page, PhoneNumberStatus } from '../../shared/crm/types';
import type { EnrolmentWrites } from './enrolmentStore';

/** A campaign as kept (not deleted): its resolved settings with its numbers in order; instants are UTC ms. */
export interface StoredCampaign {
  id: string;
  teamId: string;
  status: CampaignStatus;
  settings: CampaignSettings;
  fromNumbers: CampaignNumber[];
  audience: CampaignAudience | null;
  startedAt: number | null;
  completedAt: number | null;
  cancelledAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewCampaign {
  id: string;
  teamId: string;
  status: CampaignStatus;
  settings: CampaignSettings;
  audience: CampaignAudience | null;
  at: number;
}

/** New settings (and status) for a campaign, written only if it is still in state `from`. */
export interface CampaignChange {
  id: string;
  from: CampaignStatus;
  status: CampaignStatus;
  settings: CampaignSettings;
  /** Whether the numbers and their weights are rewritten too. */
  numbersChanged: boolean;
  at: number;
}

/** A move along the lifecycle, written only if the campaign is still in state `from`, with the instants it stamps. */
export interface CampaignMove {
  id: string;
  from: CampaignStatus;
  to: CampaignStatus;
  at: number;
  stamp: Partial<Record<'startedAt' | 'cancelledAt' | 'completedAt', number>>;
}

export interface CampaignListQuery {
  status?: CampaignStatus;
  assistantId?: string;
  limit: number;
  offset: number;
}

/** What a campaign's references are, as the rules about them need to know. */
export interface ReferencedAssistant {
  outboundEnabled: boolean;
  activeNumbers: number;
}
export interface ReferencedNumber {
  id: string;
  number: string;
  status: PhoneNumberStatus;
  assistantId: string | null;
}

/** The writes a campaign takes, alone or inside a transaction with its contacts. */
export interface CampaignWrites {
  insert(campaign: NewCampaign): Promise<void>;
  /** false when the campaign is no longer in state `from` (nothing is written). */
  update(change: CampaignChange): Promise<boolean>;
}

/** One transaction's view of campaigns and their enrolments: all of it commits, or none. */
export interface CampaignTransaction {
  campaigns: CampaignWrites;
  enrolment: EnrolmentWrites;
}

/** Where campaigns and their caller numbers persist; every engine implements it. */
export interface CampaignStore extends CampaignWrites {
  find(id: string): Promise<StoredCampaign | null>;
  /** The team's campaigns, newest first. */
  list(teamId: string, query: CampaignListQuery): Promise<Page<StoredCampaign>>;
  /** false when the campaign is no longer in state `from`. */
  move(move: CampaignMove): Promise<boolean>;
  /** Soft delete: the campaign is found no more. */
  remove(id: string, at: number): Promise<void>;
  idsWithStatus(teamId: string, status: CampaignStatus): Promise<string[]>;
  countWithStatus<S extends CampaignStatus>(teamId: string, statuses: readonly S[]): Promise<Record<S, number>>;
  /** Scheduled campaigns due by `at` set running, started at `at`; their ids. */
  startDueScheduled(at: number): Promise<string[]>;
  /** The earliest start of any scheduled campaign, or null. */
  nextScheduledStart(): Promise<number | null>;
  /** The team's assistant, or null. */
  assistant(teamId: string, id: string): Promise<ReferencedAssistant | null>;
  companyExists(teamId: string, id: string): Promise<boolean>;
  /** Those of the team's phone numbers `ids` names that exist. */
  numbers(teamId: string, ids: string[]): Promise<ReferencedNumber[]>;
  /** Runs `work` in one write transaction. */
  transaction<T>(work: (tx: CampaignTransaction) => Promise<T>): Promise<T>;
}
