import { createAnalysisResults } from './analysis/analysisResults';
import { createApiKeyService } from './apiKeys/apiKeys';
import { createCallService } from './calls/callService';
import { createRecordingLinks } from './calls/recordingLinks';
import { createCampaignService } from './campaigns/campaignService';
import { createDashboardService } from './campaigns/dashboard';
import { createComplianceStore } from './compliance/complianceStore';
import { createDecisionReader } from './compliance/decisions';
import { createDncListService } from './compliance/dncLists';
import { createDncNumberService } from './compliance/dncNumbers';
import { createCampaignWithContacts } from './campaigns/campaignWithContacts';
import { createEnrolmentService } from './campaigns/enrolment';
import { createPreflightService } from './campaigns/preflight';
import { createEngineProbe } from './campaigns/preflightEngine';
import { createAssistantService } from './crm/assistants';
import { createCompanyService } from './crm/companies';
import { createContactService } from './crm/contacts';
import type { CrmDeps } from './crm/context';
import { createCsvImporter } from './crm/csvImport';
import { createExportService } from './exports/exportService';
import { createPhoneNumberService } from './crm/phoneNumbers';
import type { Store } from './db/open';
import { createApiKeyStore } from './db/kysely/apiKeyStore';
import { createAssistantStore } from './db/kysely/assistantStore';
import { createCompanyStore } from './db/kysely/companyStore';
import { createPhoneNumberStore } from './db/kysely/phoneNumberStore';
import { createSqliteCampaignStore } from './db/sqlite/campaignStore';
import { createSqliteContactStore } from './db/sqlite/contactStore';
import { createSqliteDashboardStore } from './db/sqlite/dashboardStore';
import { createSqliteEnrolmentStore } from './db/sqlite/enrolmentStore';
import { createSqliteAnalysisJobStore } from './db/sqlite/analysisJobStore';
import { createSqliteCallStore } from './db/sqlite/callStore';
import { createSqliteDecisionStore } from './db/sqlite/decisionStore';
import { createSqliteDncStore } from './db/sqlite/dncStore';
import { createSqliteExportStore } from './db/sqlite/exportStore';
import { createSqlitePreflightStore } from './db/sqlite/preflightStore';
import { createSqliteWebhookStore } from './db/sqlite/webhookStore';
import { EventBus } from './platform/events';
import type { DataFolder } from './platform/dataFolder';
import type { SecretSealer } from './platform/secrets';
import type { SettingsStore } from './settings/store';
import { createMediaService } from './telephony/mediaLibrary';
import { createTrunkService } from './telephony/trunks';
import { createVoiceSettings } from './voice/voiceSettings';
import { createWebhookService } from './webhooks/service';

export const APP_VERSION = '0.1.0';

/** What the services keep outside the database: sealed secrets, files in the data folder (none in memory), this machine's settings. */
export interface ServiceFiles {
  sealer: SecretSealer;
  folder: DataFolder | null;
  settings: SettingsStore;
}

/** Every service of the core, built once per open database. */
/** `events`: the bus of the workspace this one reopens (after a restore), so its listeners carry on. */
export function createServices(store: Store, now: () => number, { sealer, folder, settings }: ServiceFiles, events = new EventBus()) {
  const deps: CrmDeps = { db: store.db, now, events };
  const contacts = createContactService({ store: createSqliteContactStore(store.db), now, events });
  const compliance = createComplianceStore(store.sqlite);
  const decisions = createDecisionReader(createSqliteDecisionStore(store.sqlite));
  const dncStore = createSqliteDncStore(store.sqlite);
  const campaignStore = createSqliteCampaignStore(store.db);
  const campaigns = createCampaignService({ store: campaignStore, now, events, compliance });
  const media = createMediaService({ ...deps, folder });
  const assistants = createAssistantService({ store: createAssistantStore(store.db), now, events, media });
  const analysisJobs = createSqliteAnalysisJobStore(store.db, store.sqlite);
  const enrolment = createEnrolmentService({ store: createSqliteEnrolmentStore(store.db), now, events, campaigns, compliance, decisions });
  // a campaign is created and changed with the contacts it enrols, in one transaction (the dialog saves both)
  const saving = createCampaignWithContacts({ store: campaignStore, events, campaigns, enrolment });
  const voiceSettings = createVoiceSettings({ settings, sealer, environment: process.env });
  const probeEngine = createEngineProbe({ realtimeConnection: () => voiceSettings.connection(), now });
  return {
    version: APP_VERSION,
    store,
    events,
    companies: createCompanyService({ store: createCompanyStore(store.db), now, events }),
    contacts,
    csvImport: createCsvImporter(deps, contacts, store),
    assistants,
    media,
    phoneNumbers: createPhoneNumberService({ store: createPhoneNumberStore(store.db), now, events, sealer }),
    trunks: createTrunkService({ ...deps, sealer }),
    campaigns: { ...campaigns, create: saving.create, update: saving.update },
    enrolment,
    dashboard: createDashboardService(createSqliteDashboardStore(store.db), campaigns, now),
    /** The post-call analysis jobs, for the core's analysis worker. */
    analysisJobs,
    analysisResults: createAnalysisResults({ store: analysisJobs, campaigns, assistants }),
    calls: createCallService({ store: createSqliteCallStore(store.db), analyses: analysisJobs, campaigns, recordingsDir: folder?.recordings ?? null }),
    recordingLinks: createRecordingLinks(now),
    apiKeys: createApiKeyService(createApiKeyStore(store.db), now),
    compliance,
    dncLists: createDncListService({ store: dncStore, writer: store.writer, now, compliance }),
    dncNumbers: createDncNumberService({ store: dncStore, now }),
    decisions,
    voiceSettings,
    preflight: createPreflightService({ store: createSqlitePreflightStore(store.db), now, campaigns, probeEngine }),
    webhooks: createWebhookService({ store: createSqliteWebhookStore(store.sqlite), sealer, now }),
    exports: createExportService({ store: createSqliteExportStore(store.db, store.sqlite), campaigns, assistants, events }),
  };
}

export type Services = ReturnType<typeof createServices>;
