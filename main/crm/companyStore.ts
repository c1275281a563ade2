import type { Company, Page } from '../../shared/crm/types';

/** What a person writes on a company. */
export type CompanyFields = Pick<Company, 'name' | 'website' | 'industry' | 'phone' | 'city' | 'state' | 'country' | 'customFields'>;

/** A company as kept, with how many contacts it has. Instants are UTC ms. */
export interface StoredCompany extends CompanyFields {
  id: string;
  teamId: string;
  contactCount: number;
  createdAt: number;
  updatedAt: number;
}

export type NewCompany = Omit<StoredCompany, 'contactCount'>;

/** Which companies to read: those whose name contains `search` (any text, taken literally, case aside), one page of them. */
export interface CompanyQuery {
  search?: string;
  limit: number;
  offset: number;
}

/** A campaign that dials a company's contacts. */
export interface CompanyCampaign {
  name: string;
  status: string;
}

/**
 * Where companies persist; every engine implements it. Each method acts only on the team's own companies: another
 * team's company is as good as missing. Names compare and sort regardless of (ASCII) case.
 */
export interface CompanyStore {
  /** The team's company; undefined when it has none with this id. */
  get(teamId: string, id: string): Promise<StoredCompany | undefined>;
  /** A page of the team's companies by name, then id, with how many match (counted up to TOTAL_CAP). */
  page(teamId: string, query: CompanyQuery): Promise<Page<StoredCompany>>;
  /** The name, as written, of the team's company called `name` (other than `exceptId`); undefined when the name is free. */
  nameTaken(teamId: string, name: string, exceptId?: string): Promise<string | undefined>;
  /** A campaign of the team that uses the company, deleted campaigns included (they keep its history); undefined when none does. */
  campaignUsing(teamId: string, companyId: string): Promise<CompanyCampaign | undefined>;
  insert(company: NewCompany): Promise<void>;
  /** Writes the fields given, the company changed at `at`; false when the team has no such company. */
  update(teamId: string, id: string, changes: Partial<CompanyFields>, at: number): Promise<boolean>;
  /** Deletes the company with all its contacts; false when the team has no such company. */
  remove(teamId: string, id: string): Promise<boolean>;
}
