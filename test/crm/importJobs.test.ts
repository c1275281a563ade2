import { beforeEach, describe, expect, it } from 'vitest';
import { dedupeKey } from '../../main/crm/contactKeys';
import { newContact } from '../../main/crm/contacts';
import type { ImportedContact } from '../../main/crm/contactImportStore';
import { createImportJobs } from '../../main/crm/importJobs';
import { createSqliteContactImportStore } from '../../main/db/sqlite/contactImportStore';
import { contactInput } from '../../shared/crm/schemas';
import { importWorld, type ImportWorld } from './importWorld';

let world: ImportWorld;
beforeEach(async () => {
  world = await importWorld();
});

function imported(row: number, fields: Record<string, unknown>): ImportedContact {
  const input = contactInput.parse({ companyId: world.acme.id, ...fields });
  const key = dedupeKey(input);
  return { row, key, values: newContact(world.core.localTeam, input, 1), duplicateReason: `Duplicate: ${key.label}` };
}

const rowsOf = (sql: string, ...params: unknown[]) => world.core.services.store.sqlite.prepare(sql).all(...params);
/** Jobs on the workspace's connection, as a process of their own would keep them. */
const importJobs = () => createImportJobs(createSqliteContactImportStore(world.core.services.store.sqlite));

describe('import jobs', () => {
  it('commits a batch as one transaction: the new contacts, a row error for each one the company has, and the row reached', async () => {
    const { core, acme, api } = world;
    await api.invoke('contacts.create', { companyId: acme.id, firstName: 'Old', phone: '(212) 555-0101' });
    await api.invoke('contacts.create', { companyId: acme.id, firstName: 'Mailed', email: 'old@example.com' });
    const jobs = importJobs();
    const job = await jobs.open({ team: core.localTeam, companyId: acme.id, fileHash: 'hash', at: 5 }, 100);
    const batch = {
      contacts: [
        imported(2, { firstName: 'New', phone: '(212) 555-0102' }),
        imported(3, { firstName: 'Same phone', phone: '+12125550101' }),
        imported(4, { firstName: 'Same email', email: 'OLD@example.com' }),
        imported(5, { firstName: 'Named', lastName: 'Only' }),
      ],
      errors: [{ row: 6, field: 'phone', reason: 'bad', kind: 'invalid' as const }],
    };
    expect(await jobs.commit(job, batch, 6)).toEqual([true, false, false, true]);
    expect(rowsOf(`SELECT row, field, reason, kind FROM import_job_errors WHERE job_id = ? ORDER BY row`, job.id)).toEqual([
      { row: 3, field: 'phone', reason: 'Duplicate: +12125550101', kind: 'duplicate' },
      { row: 4, field: 'email', reason: 'Duplicate: OLD@example.com', kind: 'duplicate' },
      { row: 6, field: 'phone', reason: 'bad', kind: 'invalid' },
    ]);
    expect(rowsOf(`SELECT status, rows_done AS rowsDone, updated_at AS updatedAt FROM import_jobs`)).toEqual([{ status: 'running', rowsDone: 6, updatedAt: 5 }]);
    expect(rowsOf(`SELECT first_name AS name FROM contacts ORDER BY seq`).map((r) => (r as { name: string }).name)).toEqual(['Old', 'Mailed', 'New', 'Named']);
  });

  it('resumes a job this process does not run, with what it had committed; a finished one is not resumed', async () => {
    const { core, acme } = world;
    const first = importJobs();
    const job = await first.open({ team: core.localTeam, companyId: acme.id, fileHash: 'hash', at: 1 }, 100);
    await first.commit(job, { contacts: [imported(2, { phone: '(212) 555-0102' })], errors: [{ row: 3, field: 'email', reason: 'bad', kind: 'invalid' }, { row: 3, field: 'phone', reason: 'bad', kind: 'invalid' }, { row: 4, field: 'phone', reason: 'dup', kind: 'duplicate' }] }, 4);

    // as after a restart: another process (here another instance) opens the same file
    const restarted = importJobs();
    const fileOf = (companyId: string, fileHash: string) => ({ team: core.localTeam, companyId, fileHash, at: 2 });
    const resumed = await restarted.open(fileOf(acme.id, 'hash'), 2);
    expect(resumed).toMatchObject({ id: job.id, rowsDone: 4, committed: { errorCount: 3, failed: 1, duplicates: 1 } });
    expect(resumed.committed.errors).toEqual([{ row: 3, field: 'email', reason: 'bad' }, { row: 3, field: 'phone', reason: 'bad' }]);
    // another file, or another company, is another job
    expect((await restarted.open(fileOf(acme.id, 'other'), 2)).id).not.toBe(job.id);
    expect((await restarted.open(fileOf(world.globex.id, 'hash'), 2)).id).not.toBe(job.id);

    await restarted.finish(resumed);
    restarted.release(resumed);
    expect(rowsOf(`SELECT count(*) AS n FROM import_job_errors WHERE job_id = ?`, job.id)).toEqual([{ n: 0 }]);
    expect((await restarted.open(fileOf(acme.id, 'hash'), 2)).id).not.toBe(job.id);
  });
});
