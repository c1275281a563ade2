import { afterEach } from 'vitest';
import { migrations } from '../../../main/db/migrations';
import { openStore, type Store } from '../../../main/db/open';
import { tempDbFile } from '../../support/tempDb';

/**
 * The migration named `name`, its version, and databases opened at the versions around it.
 * One store is open at a time, so a test can open a file before the migration and again after it:
 * opening the next closes the one before, and the last is closed after each test.
 */
export function migrationUnderTest(name: string) {
  const at = migrations.findIndex((m) => m.name === name);
  if (at < 0) throw new Error(`no migration named ${name}`);
  let open: Store | undefined;
  const closeOpen = async () => {
    await open?.close();
    open = undefined;
  };
  afterEach(closeOpen);
  return {
    migration: migrations[at],
    /** The version this migration brings a database to; `version - 1` is the one before it. */
    version: at + 1,
    /** The file (a fresh one unless given) with the migrations up to `version` applied. */
    async openAt(version: number, file = tempDbFile()): Promise<Store> {
      await closeOpen();
      open = await openStore(file, { migrations: migrations.slice(0, version) });
      return open;
    },
  };
}
