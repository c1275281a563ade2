import { createAssistantService } from './crm/assistants';
import { createCompanyService } from './crm/companies';
import { createContactService } from './crm/contacts';
import type { CrmDeps } from './crm/context';
import { createCsvImporter } from './crm/csvImport';
import { createPhoneNumberService } from './crm/phoneNumbers';
import type { Store } from './db/open';
import { EventBus } from './events';

export const APP_VERSION = '0.1.0';

/** Every service of the core, built once per open database. */
export function createServices(store: Store, now: () => number = Date.now) {
  const deps: CrmDeps = { db: store.db, now };
  const contacts = createContactService(deps);
  return {
    version: APP_VERSION,
    store,
    events: new EventBus(),
    companies: createCompanyService(deps),
    contacts,
    csvImport: createCsvImporter(deps, contacts),
    assistants: createAssistantService(deps),
    phoneNumbers: createPhoneNumberService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
