import { createApiServer } from '../../main/api/server';
import { FRAME_MS } from '../../main/telephony/media/g711';
import { openCore } from '../../main/core';
import { silentLogger } from '../../main/platform/log';
import { companyInput } from '../../shared/crm/schemas';
import { tempFile } from '../support/tempFiles';
import { startBridgedCalls } from './bridgedCalls';
import { interleaved, median, report, watched } from './measure';
import { person } from './people';

const ROWS = 100_000;
const CALLS = 10;
/** How long the calls may talk: longer than the import beside them and the calls alone after it can take. */
const CALL_SECONDS = 300;
const ROUNDS = 3;
/** Share of its frames a live call sends in a measured stretch, at least (the stretch's edges fall between two). */
const SENT_AT_LEAST = 0.95;

/** A fresh workspace behind the REST API (real HTTP), with a company to import into. */
async function openWorkspace() {
  const core = await openCore({ dbFile: tempFile('bench.db'), log: silentLogger, dial: false });
  const api = createApiServer(core);
  const port = await api.listen(0);
  const { key } = await core.services.apiKeys.create(core.localTeam, 'Bench');
  const company = await core.services.companies.create(core.localTeam, companyInput.parse({ name: 'Bench' }));
  return {
    /** Imports the CSV (of `rows` rows) through POST /api/crm/contacts/import; resolves with its wall time. */
    async importMs(csv: Uint8Array<ArrayBuffer>, rows: number): Promise<number> {
      const start = performance.now();
      const reply = await fetch(`http://127.0.0.1:${port}/api/crm/contacts/import?companyId=${company.id}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
        body: csv,
      });
      const { import: result } = (await reply.json()) as { import?: { imported: number } };
      if (result?.imported !== rows) throw new Error(`import beside calls: imported ${result?.imported} of ${rows} (${reply.status})`);
      return performance.now() - start;
    },
    async close() {
      await api.close();
      await core.close();
    },
  };
}

/** An import into a fresh workspace, with nothing else running. */
async function importAloneMs(csv: Uint8Array<ArrayBuffer>, rows: number): Promise<number> {
  const workspace = await openWorkspace();
  const ms = await workspace.importMs(csv, rows);
  await workspace.close();
  return ms;
}

/**
 * The event loop's delay (p99 and max, ms) and the late RTP frames while `work` runs. Late is as each call's pacer
 * counts it, on the sending side: a frame sent more than 20 ms after its slot (or skipped). Fails when the calls did
 * not send all along (one that ended would leave nothing to be late).
 */
async function watchedCalls(calls: Awaited<ReturnType<typeof startBridgedCalls>>, work: () => Promise<unknown>) {
  const [lateBefore, sentBefore, start] = [calls.total('framesLate'), calls.total('packetsSent'), performance.now()];
  const { loopDelayP99Ms, loopDelayMaxMs } = await watched(work);
  const due = (CALLS * (performance.now() - start)) / FRAME_MS;
  const [sent, lateFrames] = [calls.total('packetsSent') - sentBefore, calls.total('framesLate') - lateBefore];
  // a skipped frame is one of the late ones
  if (sent + lateFrames < due * SENT_AT_LEAST) throw new Error(`import beside calls: the calls sent ${sent} of ${Math.round(due)} frames while measured`);
  return { p99: loopDelayP99Ms, max: loopDelayMaxMs, lateFrames };
}

/** One import beside live calls, then the calls alone for as long as it took (the control: what late frames the machine makes anyway). */
async function besideCalls(csv: Uint8Array<ArrayBuffer>) {
  const workspace = await openWorkspace();
  const calls = await startBridgedCalls(CALLS, CALL_SECONDS);
  let ms = 0;
  const beside = await watchedCalls(calls, async () => (ms = await workspace.importMs(csv, ROWS)));
  const callsAlone = await watchedCalls(calls, () => new Promise((resolve) => setTimeout(resolve, ms)));
  const sippExit = await calls.hangUp();
  await workspace.close();
  return { ms, beside, callsAlone, sippExit };
}

/**
 * A 100,000-row CSV import through the REST API beside 10 live bridged SIP calls (SIPp echo, agent talking): the
 * event loop's delay and the RTP frames sent late (> 20 ms after their slot) while it runs. Floors in the same
 * run: the import alone, and the calls alone for as long as the import took. Interleaved over a few rounds, each
 * figure the median of its rounds (the late frames' worst round too); a small import first starts the background
 * writer's thread, so no round pays for loading its program.
 */
export async function benchImportBesideCalls(): Promise<void> {
  // encoded once here: the HTTP client runs in the process under test, and encoding 5 MB of text is not the import's doing
  const csvOf = (rows: number) => Buffer.from(['First Name,Last Name,Phone,Email', ...Array.from({ length: rows }, (_, i) => person(i)).map((p) => `${p.first},${p.last},${p.phoneE164},${p.email}`)].join('\n'));
  await importAloneMs(csvOf(1000), 1000);
  const csv = csvOf(ROWS);
  const rounds = await interleaved(ROUNDS, () => besideCalls(csv), () => importAloneMs(csv, ROWS));
  const of = (figure: (round: (typeof rounds)[number]) => number) => median(rounds.map(figure));
  report(`csv import 100k rows beside ${CALLS} bridged calls`, {
    loopDelayP99Ms: of((r) => r.first.beside.p99),
    loopDelayMaxMs: of((r) => r.first.beside.max),
    lateFrames: of((r) => r.first.beside.lateFrames),
    lateFramesWorstRound: Math.max(...rounds.map((r) => r.first.beside.lateFrames)),
    callsAloneLoopDelayP99Ms: of((r) => r.first.callsAlone.p99),
    callsAloneLateFrames: of((r) => r.first.callsAlone.lateFrames),
    importMs: of((r) => r.first.ms),
    importAloneMs: of((r) => r.second),
    ratio: of((r) => r.first.ms / r.second),
    rounds: ROUNDS,
    sippExit: rounds.map((r) => r.first.sippExit).find((code) => code !== 0) ?? 0,
    goal: 'p99 <= 20 ms, 0 late frames, ratio <= 1.2',
  });
}
