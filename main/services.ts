import { createApiKeyService } from './api/apiKeys';
import { createCampaignService } from './campaigns/campaignService';
import { createDashboardService } from './campaigns/dashboard';
import { createEnrolmentService } from './campaigns/enrolment';
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
  const events = new EventBus();
  const contacts = createContactService(deps);
  const campaigns = createCampaignService({ ...deps, events });
  return {
    version: APP_VERSION,
    store,
    events,
    companies: createCompanyService(deps),
    contacts,
    csvImport: createCsvImporter(deps, contacts),
    assistants: createAssistantService(deps),
    phoneNumbers: createPhoneNumberService(deps),
    campaigns,
    enrolment: createEnrolmentService({ ...deps, events, campaigns }),
    dashboard: createDashboardService(store.db, campaigns),
    apiKeys: createApiKeyService(store.db, now),
  };
}

export type Services = ReturnType<typeof createServices>;
