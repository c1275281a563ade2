import { openPostgres } from '../../main/db/postgres/open';
import { createApiKeyStore } from '../../main/db/kysely/apiKeyStore';
import { createPostgresCallStore } from '../../main/db/postgres/callStore';
import { freshPostgresDatabase } from '../support/postgres';
import { describeApiKeyStore } from './apiKeyStore.conformance';
import { callSeed } from './callSeed';
import { describeCallStore } from './callStore.conformance';
import { describeCrmStores } from './crmStores';
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

describeCallStore('PostgreSQL', async () => {
  const db = await openDatabase();
  return { store: createPostgresCallStore(db), seed: callSeed(db, undefined), close: () => db.destroy() };
});
