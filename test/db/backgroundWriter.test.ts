import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core';
import { WRITER_CLOSED } from '../../main/db/backgroundTasks';
import { openStore } from '../../main/db/open';
import { silentLogger } from '../../main/platform/log';
import type { CsvImportProgress } from '../../shared/crm/csvImport';
import { companyInput } from '../../shared/crm/schemas';
import { testCore } from '../support/core';
import { tempDbFile } from '../support/tempDb';

/** A CSV of `rows` valid contacts, each with its own phone. */
const phones = (rows: number, areaCode = 212) =>
  ['First Name,Phone', ...Array.from({ length: rows }, (_, i) => `P${i},(${areaCode}) 5${String(i).padStart(6, '0')}`)].join('\n');

/** A core with a company to import into. */
async function workspace(core: Core) {
  const company = await core.services.companies.create(core.localTeam, companyInput.parse({ name: 'Acme' }));
  const { writer, sqlite } = core.services.store;
  const importInput = (text: string) => ({ team: core.localTeam, companyId: company.id, text, at: 7 });
  const contacts = () => sqlite.prepare('SELECT count(*) FROM contacts').pluck().get() as number;
  return { core, writer, sqlite, importInput, contacts };
}

describe('background writer', () => {
  it('runs a task whole on another thread: it commits while this thread is busy, and tells its progress before its result', async () => {
    const { writer, importInput, contacts } = await workspace(await testCore());
    // the thread up first, so this one spins only while rows are read and committed
    await writer.run('csvImport', importInput('Phone'));
    const progress: CsvImportProgress[] = [];
    const result = writer.run('csvImport', importInput(phones(3000)), (p) => progress.push(p));
    // this thread never yields here: only another thread can commit rows meanwhile
    const deadline = Date.now() + 30_000;
    while (contacts() === 0 && Date.now() < deadline);
    expect(contacts()).toBeGreaterThan(0);
    expect(await result).toMatchObject({ processedRows: 3000, imported: 3000 });
    expect(progress.map((p) => p.processedRows)).toEqual([500, 1000, 1500, 2000, 2500, 3000]);
  });

  it('runs its thread below the main thread, so the timers pacing call audio win when both want a core', async () => {
    const { writer, importInput } = await workspace(await testCore());
    await writer.run('csvImport', importInput(phones(10)));
    // a thread's nice value: the 17th field after its name's closing parenthesis in /proc/self/task/<id>/stat
    const niceOf = (thread: string) => Number(readFileSync(`/proc/self/task/${thread}/stat`, 'utf8').split(') ')[1].split(' ')[16]);
    const main = niceOf(String(process.pid));
    expect(readdirSync('/proc/self/task').map(niceOf)).toContain(Math.min(19, main + 10));
  });

  it('rejects as the task does: an app error with its code, any other with its message', async () => {
    const { writer, importInput, core } = await workspace(await testCore());
    const text = phones(3000);
    const first = writer.run('csvImport', importInput(text));
    await expect(writer.run('csvImport', importInput(text))).rejects.toMatchObject({ code: 'conflict', message: 'This file is being imported into this company already' });
    await first;
    const noSuchList = { teamId: core.localTeam.teamId, listId: 'dnc_none', newListName: null, text: '+12125550100', at: 7 };
    await expect(writer.run('dncImport', noSuchList)).rejects.toThrow('FOREIGN KEY constraint failed');
  });

  it('serves every workspace of the process, each on its own connection', async () => {
    const [a, b] = [await workspace(await testCore()), await workspace(await testCore())];
    const [fromA, fromB] = await Promise.all([a.writer.run('csvImport', a.importInput(phones(1200))), b.writer.run('csvImport', b.importInput(phones(800, 646)))]);
    expect([fromA.imported, fromB.imported]).toEqual([1200, 800]);
    expect([a.contacts(), b.contacts()]).toEqual([1200, 800]);
  });

  it('stops a running task between two batches when it closes; the job resumes from the last one', async () => {
    const dbFile = tempDbFile();
    const { core, writer, importInput } = await workspace(await openCore({ dbFile, log: silentLogger, dial: false }));
    const input = importInput(phones(5000));
    let closed: Promise<void> | undefined;
    // closed as soon as the first batch is committed: the task hears it at its next share
    const cutOff = writer.run('csvImport', input, () => (closed ??= core.close()));
    await expect(cutOff).rejects.toThrow(WRITER_CLOSED);
    await closed;

    const store = await openStore(dbFile);
    const [job] = store.sqlite.prepare(`SELECT status, rows_done AS rowsDone FROM import_jobs`).all() as { status: string; rowsDone: number }[];
    const kept = store.sqlite.prepare('SELECT count(*) FROM contacts').pluck().get() as number;
    expect(job.status).toBe('running');
    // every committed row is a contact (the header is row 1), and the batches stopped short of the file's end
    expect(kept).toBe(job.rowsDone - 1);
    expect(kept).toBeLessThan(5000);
    expect(await store.writer.run('csvImport', input)).toMatchObject({ processedRows: 5000, imported: 5000 });
    await store.close();
  });

  it('runs in place for a database only its own connection sees (in memory)', async () => {
    const { writer, importInput, contacts } = await workspace(await testCore(Date.now, { dbFile: ':memory:' }));
    const progress: number[] = [];
    expect(await writer.run('csvImport', importInput(phones(600)), (p) => progress.push(p.processedRows))).toMatchObject({ imported: 600 });
    expect(progress).toEqual([500, 600]);
    expect(contacts()).toBe(600);
  });
});
