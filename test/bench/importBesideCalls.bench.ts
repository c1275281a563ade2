import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApiServer } from '../../main/api/server';
import { openCore } from '../../main/core';
import { silentLogger } from '../../main/log';
import { companyInput } from '../../shared/crm/schemas';
import { tempFile } from '../support/tempFiles';
import { startBridgedCalls } from './bridgedCalls';
import { report } from './measure';
import { person } from './people';

const ROWS = 100_000;
const CALLS = 10;
/** How long the calls talk: longer than the import beside them can take. */
const CALL_SECONDS = 300;

/** A fresh workspace behind the REST API (real HTTP), with a company to import into. */
async function openWorkspace() {
  const core = await openCore({ dbFile: tempFile('bench.db'), log: silentLogger, dial: false });
  const api = createApiServer(core);
  const port = await api.listen(0);
  const { key } = await core.services.apiKeys.create(core.localTeam, 'Bench');
  const company = await core.services.companies.create(core.localTeam, companyInput.parse({ name: 'Bench' }));
  return {
    /** Imports the CSV through POST /api/crm/contacts/import; resolves with its wall time. */
    async importMs(csv: string): Promise<number> {
      const start = performance.now();
      const reply = await fetch(`http://127.0.0.1:${port}/api/crm/contacts/import?companyId=${company.id}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
        body: csv,
      });
      const { import: result } = (await reply.json()) as { import?: { imported: number } };
      if (result?.imported !== ROWS) throw new Error(`import beside calls: imported ${result?.imported} of ${ROWS} (${reply.status})`);
      return performance.now() - start;
    },
    async close() {
      await api.close();
      await core.close();
    },
  };
}

/** The event loop's delay (p99 and max, ms) and the late RTP frames while `work` runs. */
async function watched(calls: Awaited<ReturnType<typeof startBridgedCalls>>, work: () => Promise<unknown>) {
  const loop = monitorEventLoopDelay({ resolution: 2 });
  const lateBefore = calls.total('framesLate');
  loop.enable();
  await work();
  loop.disable();
  return { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6, lateFrames: calls.total('framesLate') - lateBefore };
}

/**
 * A 100,000-row CSV import through the REST API beside 10 live bridged SIP calls (SIPp echo, agent talking): the
 * event loop's delay and the RTP frames sent late (> 20 ms after their slot) while it runs. Floors in the same
 * run: the import alone, and the calls alone for as long as the import took.
 */
export async function benchImportBesideCalls(): Promise<void> {
  const csv = ['First Name,Last Name,Phone,Email', ...Array.from({ length: ROWS }, (_, i) => person(i)).map((p) => `${p.first},${p.last},${p.phoneE164},${p.email}`)].join('\n');
  const alone = await openWorkspace();
  const aloneMs = await alone.importMs(csv);
  await alone.close();

  const workspace = await openWorkspace();
  const calls = await startBridgedCalls(CALLS, CALL_SECONDS);
  let besideMs = 0;
  const beside = await watched(calls, async () => (besideMs = await workspace.importMs(csv)));
  const callsAlone = await watched(calls, () => new Promise((resolve) => setTimeout(resolve, besideMs)));
  const sippExit = await calls.hangUp();
  await workspace.close();

  report(`csv import 100k rows beside ${CALLS} bridged calls`, {
    loopDelayP99Ms: beside.p99,
    loopDelayMaxMs: beside.max,
    lateFrames: beside.lateFrames,
    callsAloneLoopDelayP99Ms: callsAlone.p99,
    callsAloneLateFrames: callsAlone.lateFrames,
    importMs: besideMs,
    importAloneMs: aloneMs,
    ratio: besideMs / aloneMs,
    sippExit,
    goal: 'p99 <= 20 ms, 0 late frames, ratio <= 1.2',
  });
}
