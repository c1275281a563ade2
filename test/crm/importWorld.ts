import type { Core } from '../../main/core';
import type { Api } from '../../shared/contract/createApi';
import type { Company, Contact } from '../../shared/crm/types';
import { testCore } from '../support/core';
import { inMemoryApi } from '../support/inMemoryTransport';

export interface ImportWorld {
  core: Core;
  api: Api;
  acme: Company;
  globex: Company;
}

/** What the CSV import tests start from: a core and its API, with two companies, Acme and Globex. */
export async function importWorld(): Promise<ImportWorld> {
  const core = await testCore();
  const api = inMemoryApi(core);
  const acme = await api.invoke('companies.create', { name: 'Acme' });
  const globex = await api.invoke('companies.create', { name: 'Globex' });
  return { core, api, acme, globex };
}

/** The contacts of a company (up to 500). */
export async function contactsIn(api: Api, companyId: string): Promise<Contact[]> {
  return (await api.invoke('contacts.list', { companyId, limit: 500 })).items;
}
