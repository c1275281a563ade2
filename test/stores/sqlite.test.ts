import { createCompanyService } from '../../main/crm/companies';
import { createContactService } from '../../main/crm/contacts';
import { openStore } from '../../main/db/open';
import { createApiKeyStore } from '../../main/db/kysely/apiKeyStore';
import { createCompanyStore } from '../../main/db/kysely/companyStore';
import { createSqliteContactStore } from '../../main/db/sqlite/contactStore';
import { createSqliteAnalysisJobStore } from '../../main/db/sqlite/analysisJobStore';
import { createSqliteCallStore } from '../../main/db/sqlite/callStore';
import { createSqliteDecisionStore } from '../../main/db/sqlite/decisionStore';
import { createSqliteDncStore } from '../../main/db/sqlite/dncStore';
import { createSqliteWebhookStore } from '../../main/db/sqlite/webhookStore';
import { EventBus } from '../../main/platform/events';
import { onWebhookEvent, webhookOutbox } from '../../main/db/sqlite/webhookOutbox';
import { companyInput, contactInput } from '../../shared/crm/schemas';
import { tempDbFile } from '../support/tempDb';
import { describeAnalysisJobStore } from './analysisJobStore.conformance';
import { describeApiKeyStore } from './apiKeyStore.conformance';
import { sqliteCallSeed } from './callSeed';
import { describeCallStore } from './callStore.conformance';
import { complianceSeed } from './complianceSeed';
import { contactSeed } from './contactSeed';
import { describeContactStore } from './contactStore.conformance';
import { describeCrmStores } from './crmStores';
import { describeDecisionStore } from './decisionStore.conformance';
import { describeDncStore } from './dncStore.conformance';
import { STORE_TEAMS } from './suiteFixtures';
import { describeWebhookStore } from './webhookStore.conformance';

/** A fresh workspace file where the suites' teams exist (there is no service for teams). */
async function openWorkspace() {
  const workspace = await openStore(tempDbFile());
  const addTeam = workspace.sqlite.prepare('INSERT INTO teams (id, name, created_at) VALUES (?, ?, 0)');
  for (const teamId of STORE_TEAMS) addTeam.run(teamId, teamId);
  return workspace;
}

describeApiKeyStore('SQLite', async () => {
  const workspace = await openWorkspace();
  return { store: createApiKeyStore(workspace.db), close: () => workspace.close() };
});

describeWebhookStore('SQLite', async () => {
  const workspace = await openWorkspace();
  const deps = { db: workspace.db, now: () => 0, events: new EventBus() };
  const companies = createCompanyService({ ...deps, store: createCompanyStore(workspace.db) });
  const contacts = createContactService({ ...deps, store: createSqliteContactStore(workspace.db) });
  const contactOf = new Map<string, string>();
  for (const teamId of STORE_TEAMS) {
    const company = await companies.create({ teamId }, companyInput.parse({ name: 'Acme' }));
    contactOf.set(teamId, (await contacts.create({ teamId }, contactInput.parse({ companyId: company.id, firstName: 'Ada' }))).id);
  }
  const { sqlite } = workspace;
  const outbox = webhookOutbox(sqlite);
  return {
    store: createSqliteWebhookStore(sqlite),
    optOut: async (teamId, campaignId, at) => sqlite.transaction(() => outbox.contactOptedOut(contactOf.get(teamId)!, campaignId, at))(),
    listen: (listener) => onWebhookEvent(sqlite, listener),
    close: () => workspace.close(),
  };
});

describeDncStore('SQLite', async () => {
  const workspace = await openWorkspace();
  return { store: createSqliteDncStore(workspace.sqlite), seed: complianceSeed(workspace.db), close: () => workspace.close() };
});

describeDecisionStore('SQLite', async () => {
  const workspace = await openWorkspace();
  return { store: createSqliteDecisionStore(workspace.sqlite), seed: complianceSeed(workspace.db), close: () => workspace.close() };
});

describeContactStore('SQLite', async () => {
  const workspace = await openWorkspace();
  return { store: createSqliteContactStore(workspace.db), seed: contactSeed(workspace.db), close: () => workspace.close() };
});

describeCallStore('SQLite', async () => {
  const workspace = await openWorkspace();
  return { store: createSqliteCallStore(workspace.db), seed: sqliteCallSeed(workspace.sqlite, workspace.db), close: () => workspace.close() };
});

describeAnalysisJobStore('SQLite', async () => {
  const workspace = await openWorkspace();
  return { store: createSqliteAnalysisJobStore(workspace.db, workspace.sqlite), seed: sqliteCallSeed(workspace.sqlite, workspace.db), close: () => workspace.close() };
});

describeCrmStores('SQLite', async () => {
  const workspace = await openWorkspace();
  return { db: workspace.db, close: () => workspace.close() };
});
