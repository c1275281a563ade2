import { createApiKeyService } from './api/apiKeys';
import { createCampaignService } from './campaigns/campaignService';
import { createDashboardService } from './campaigns/dashboard';
import { createComplianceStore } from './compliance/complianceStore';
import { createDecisionReader } from './compliance/decisions';
import { createDncListService } from './compliance/dncLists';
import { createEnrolmentService } from './campaigns/enrolment';
import { createAssistantService } from './crm/assistants';
import { createCompanyService } from './crm/companies';
import { createContactService } from './crm/contacts';
import type { CrmDeps } from './crm/context';
import { createCsvImporter } from './crm/csvImport';
import { createPhoneNumberService } from './crm/phoneNumbers';
import type { Store } from './db/open';
import { EventBus } from './events';
import { createTrunkService } from './telephony/trunks';

export const APP_VERSION = '0.1.0';

/** Every service of the core, built once per open database. */
export function createServices(store: Store, now: () => number = Date.now) {
  const deps: CrmDeps = { db: store.db, now };
  const events = new EventBus();
  const contacts = createContactService(deps);
  const compliance = createComplianceStore(store.sqlite);
  const decisions = createDecisionReader(store.sqlite);
  const campaigns = createCampaignService({ ...deps, events, compliance });
  return {
    version: APP_VERSION,
    store,
    events,
    companies: createCompanyService(deps),
    contacts,
    csvImport: createCsvImporter(deps, contacts),
    assistants: createAssistantService(deps),
    phoneNumbers: createPhoneNumberService(deps),
    trunks: createTrunkService(deps),
    campaigns,
    enrolment: createEnrolmentService({ ...deps, events, campaigns, compliance, decisions }),
    dashboard: createDashboardService(store.db, campaigns, now),
    apiKeys: createApiKeyService(store.db, now),
    compliance,
    dncLists: createDncListService({ sqlite: store.sqlite, now, compliance }),
    decisions,
  };
}

export type Services = ReturnType<typeof createServices>;
