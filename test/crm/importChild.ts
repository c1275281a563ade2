import { readFileSync } from 'node:fs';
import { openCore } from '../../main/core';
import { silentLogger } from '../../main/platform/log';
import { companyInput } from '../../shared/crm/schemas';

/**
 * A process that imports a CSV file into the company "Resume" of a workspace (created on the first run) and prints
 * each progress report and the result as a line of JSON: the crash test kills it part-way, then runs it again.
 */
const [dbFile, csvFile] = process.argv.slice(2);
const core = await openCore({ dbFile, log: silentLogger, dial: false });
const team = core.localTeam;
const existing = core.services.store.sqlite.prepare(`SELECT id FROM companies WHERE name = 'Resume'`).pluck().get() as string | undefined;
const companyId = existing ?? (await core.services.companies.create(team, companyInput.parse({ name: 'Resume' }))).id;
const result = await core.services.csvImport.import(team, readFileSync(csvFile, 'utf8'), {
  companyId,
  onProgress: (progress) => process.stdout.write(`progress ${JSON.stringify(progress)}\n`),
});
process.stdout.write(`result ${JSON.stringify(result)}\n`);
await core.close();
