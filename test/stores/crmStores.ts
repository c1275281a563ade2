// The CRM's stores are Kysely's alike on every engine: one registration serves each engine's runner.
import type { Kysely } from 'kysely';
import { createAssistantStore } from '../../main/db/kysely/assistantStore';
import { createCompanyStore } from '../../main/db/kysely/companyStore';
import { createPhoneNumberStore } from '../../main/db/kysely/phoneNumberStore';
import type { Database } from '../../main/db/schema';
import { describeAssistantStore } from './assistantStore.conformance';
import { describeCompanyStore } from './companyStore.conformance';
import { crmSeed } from './crmSeed';
import { describePhoneNumberStore } from './phoneNumberStore.conformance';

/** Runs the CompanyStore, AssistantStore and PhoneNumberStore suites on databases `open` gives (STORE_TEAMS in them). */
export function describeCrmStores(engine: string, open: () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>): void {
  const opened = async () => {
    const { db, close } = await open();
    return { db, seed: crmSeed(db), close };
  };
  describeCompanyStore(engine, async () => {
    const { db, ...rest } = await opened();
    return { ...rest, store: createCompanyStore(db) };
  });
  describeAssistantStore(engine, async () => {
    const { db, ...rest } = await opened();
    return { ...rest, store: createAssistantStore(db), companies: createCompanyStore(db) };
  });
  describePhoneNumberStore(engine, async () => {
    const { db, ...rest } = await opened();
    return { ...rest, store: createPhoneNumberStore(db) };
  });
}
