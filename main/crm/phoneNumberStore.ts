import type { PhoneNumber } from '../../shared/crm/types';

/** What a person sets on a number, but its provider settings (written sealed, never read back here). */
export type PhoneNumberFields = Pick<PhoneNumber, 'number' | 'label' | 'provider' | 'status' | 'assistantId' | 'trunkId'>;

/** A phone number as kept, without its provider settings. Instants are UTC ms. */
export interface StoredPhoneNumber extends PhoneNumberFields {
  id: string;
  teamId: string;
  createdAt: number;
  updatedAt: number;
}

export interface NewPhoneNumber extends StoredPhoneNumber {
  /** Sealed, or the JSON of no settings. */
  providerConfig: string;
}

export type PhoneNumberChanges = Partial<PhoneNumberFields & { providerConfig: string }>;

/** Where phone numbers persist; every engine implements it. Each method acts only on the team's own rows: another team's is as good as missing. */
export interface PhoneNumberStore {
  /** The team's number; undefined when it has none with this id. */
  get(teamId: string, id: string): Promise<StoredPhoneNumber | undefined>;
  /** The team's numbers (only those answering for `assistantId` when given), in number order. */
  list(teamId: string, assistantId?: string): Promise<StoredPhoneNumber[]>;
  /** The id of the team's number with this E.164 (other than `exceptId`); undefined when it is free. */
  numberTaken(teamId: string, number: string, exceptId?: string): Promise<string | undefined>;
  /** Whether the team has this assistant. */
  hasAssistant(teamId: string, assistantId: string): Promise<boolean>;
  /** Whether the team has this SIP trunk. */
  hasTrunk(teamId: string, trunkId: string): Promise<boolean>;
  insert(number: NewPhoneNumber): Promise<void>;
  /** Writes the fields given, the number changed at `at`; false when the team has no such number. */
  update(teamId: string, id: string, changes: PhoneNumberChanges, at: number): Promise<boolean>;
}
