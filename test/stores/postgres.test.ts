import { openPostgres } from '../../main/db/postgres/open';
import { createApiKeyStore } from '../../main/db/kysely/apiKeyStore';
import { createPostgresAnalysisJobStore } from '../../main/db/postgres/analysisJobStore';
import { createPostgresCallStore } from '../../main/db/postgres/callStore';
import { createPostgresContactStore } from '../../main/db/postgres/contactStore';
import { createPostgresDecisionStore } from '../../main/db/postgres/decisionStore';
import { createPostgresDncStore } from '../../main/db/postgres/dncStore';
import { freshPostgresDatabase } from '../support/postgres';
import { describeAnalysisJobStore } from './analysisJobStore.conformance';
import { describeApiKeyStore } from './apiKeyStore.conformance';
import { callSeed, postgresCallSeed } from './callSeed';
import { describeCallStore } from './callStore.conformance';
import { complianceSeed } from './complianceSeed';
import { contactSeed } from './contactSeed';
import { describeContactStore } from './contactStore.conformance';
import { describeCrmStores } from './crmStores';
import { describeDecisionStore } from './decisionStore.conformance';
import { describeDncStore } from './dncStore.conformance';
import { STORE_TEAMS } from './suiteFixtures';

/** A fresh database on the run's throw-away cluster where the suites' teams exist (there is no service for teams). */
async function openDatabase() {
  const db = await openPostgres(await freshPostgresDatabase());
  await db.insertInto('teams').values(STORE_TEAMS.map((id) => ({ id, name: id, createdAt: 0 }))).execute();
  return db;
}

describeApiKeyStore('PostgreSQL', async () => {
  const db = await openDatabase();
  return { store: createApiKeyStore(db), close: () => db.destroy() };
});

describeCrmStores('PostgreSQL', async () => {
  const db = await openDatabase();
  return { db, close: () => db.destroy() };
});

describeDncStore('PostgreSQL', async () => {
  const db = await openDatabase();
  return { store: createPostgresDncStore(db), seed: complianceSeed(db), close: () => db.destroy() };
});

describeDecisionStore('PostgreSQL', async () => {
  const db = await openDatabase();
  return { store: createPostgresDecisionStore(db), seed: complianceSeed(db), close: () => db.destroy() };
});

describeContactStore('PostgreSQL', async () => {
  const db = await openDatabase();
  return { store: createPostgresContactStore(db), seed: contactSeed(db), close: () => db.destroy() };
});

describeCallStore('PostgreSQL', async () => {
  const db = await openDatabase();
  return { store: createPostgresCallStore(db), seed: callSeed(db, undefined), close: () => db.destroy() };
});

describeAnalysisJobStore('PostgreSQL', async () => {
  const db = await openDatabase();
  return { store: createPostgresAnalysisJobStore(db), seed: postgresCallSeed(db), close: () => db.destroy() };
});
