import { createApiKeyService } from './api/apiKeys';
import { createCampaignService } from './campaigns/campaignService';
import { createDashboardService } from './campaigns/dashboard';
import { createComplianceStore } from './compliance/complianceStore';
import { createDecisionReader } from './compliance/decisions';
import { createDncListService } from './compliance/dncLists';
import { createDncNumberService } from './compliance/dncNumbers';
import { createEnrolmentService } from './campaigns/enrolment';
import { createAssistantService } from './crm/assistants';
import { createCompanyService } from './crm/companies';
import { createContactService } from './crm/contacts';
import type { CrmDeps } from './crm/context';
import { createCsvImporter } from './crm/csvImport';
import { createPhoneNumberService } from './crm/phoneNumbers';
import type { Store } from './db/open';
import { EventBus } from './events';
import type { DataFolder } from './platform/dataFolder';
import type { SecretSealer } from './platform/secrets';
import { createMediaService } from './telephony/media';
import { createTrunkService } from './telephony/trunks';

export const APP_VERSION = '0.1.0';

/** What the services keep outside the database: sealed secrets, and files in the data folder (none in memory). */
export interface ServiceFiles {
  sealer: SecretSealer;
  folder: DataFolder | null;
}

/** Every service of the core, built once per open database. */
/** `events`: the bus of the workspace this one reopens (after a restore), so its listeners carry on. */
export function createServices(store: Store, now: () => number, { sealer, folder }: ServiceFiles, events = new EventBus()) {
  const deps: CrmDeps = { db: store.db, now };
  const contacts = createContactService(deps);
  const compliance = createComplianceStore(store.sqlite);
  const decisions = createDecisionReader(store.sqlite);
  const campaigns = createCampaignService({ ...deps, events, compliance });
  const media = createMediaService({ ...deps, folder });
  return {
    version: APP_VERSION,
    store,
    events,
    companies: createCompanyService(deps),
    contacts,
    csvImport: createCsvImporter(deps, contacts, store),
    assistants: createAssistantService({ ...deps, media }),
    media,
    phoneNumbers: createPhoneNumberService({ ...deps, sealer }),
    trunks: createTrunkService({ ...deps, sealer }),
    campaigns,
    enrolment: createEnrolmentService({ ...deps, events, campaigns, compliance, decisions }),
    dashboard: createDashboardService(store.db, campaigns, now),
    apiKeys: createApiKeyService(store.db, now),
    compliance,
    dncLists: createDncListService({ sqlite: store.sqlite, writer: store.writer, now, compliance }),
    dncNumbers: createDncNumberService({ sqlite: store.sqlite, now }),
    decisions,
  };
}

export type Services = ReturnType<typeof createServices>;
