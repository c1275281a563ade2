import { build } from 'esbuild';
import { join } from 'node:path';
import type { Core } from '../../main/core';
import { NODE_BUNDLE_OPTIONS } from '../../main/host/tools/bundleHost';
import { CALL_EXPORT_FORMATS } from '../../shared/exports/exports';
import { forkBenchChild } from './benchChild';
import type { ExportChildReply, ExportChildRequest, ExportJob } from './exportChild';
import { report, timeMs } from './measure';
import { benchCaller, MILLION, millionContacts } from './millionContacts';
import { person } from './people';

/** The goal for the peak resident set of a process that opens the workspace and exports from it. */
const PEAK_RSS_GOAL_MB = 200;
/** Long enough for a million rows on a loaded machine; a run that takes longer fails instead of hanging. */
const JOB_LIMIT_MS = 15 * 60_000;

/**
 * A million ended calls of one campaign, one per fixture contact (two turns each, every fourth one analysed), and
 * every contact enrolled in it, written to the fixture's file and checkpointed into it.
 */
async function millionCalls(core: Core): Promise<string> {
  const team = core.localTeam;
  const { assistantId, numberId } = await benchCaller(core);
  const { companyId } = await millionContacts();
  const campaign = await core.services.campaigns.create(team, { name: 'Exported', assistantId, companyId, fromNumberIds: [numberId] });
  const sqlite = core.services.store.sqlite;
  const call = sqlite.prepare(
    `INSERT INTO calls (id, team_id, campaign_id, contact_id, attempt, from_number, to_number, status, outcome, provider, started_at, answered_at, ended_at, duration_seconds)
     VALUES (?, ?, ?, ?, 1, '+12025550100', ?, 'ended', ?, 'simulator', ?, ?, ?, ?)`,
  );
  const turn = sqlite.prepare(`INSERT INTO call_turns (call_id, seq, speaker, text, offset_ms, interrupted) VALUES (?, ?, ?, ?, ?, 0)`);
  const analysis = sqlite.prepare(
    `INSERT INTO call_analyses (call_id, team_id, state, summary, success, fields, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'done', ?, 1, '{"interest":"high"}', NULL, 0, 0)`,
  );
  const enrolAll = sqlite.prepare(
    `INSERT INTO campaign_contacts (campaign_id, contact_id, contact_seq, status, attempts, last_outcome, enrolled_at, updated_at)
     SELECT ?, id, seq, 'completed', 1, 'answered', 0, 0 FROM contacts WHERE company_id = ?`,
  );
  const loadMs = await timeMs(() =>
    sqlite.transaction(() => {
      const t0 = Date.UTC(2026, 2, 1);
      for (let i = 0; i < MILLION; i++) {
        const id = `call_x${i}`;
        const p = person(i);
        const at = t0 + i * 1000;
        call.run(id, team.teamId, campaign.id, `cnt_${i}`, p.phoneE164, 'answered', at, at + 5000, at + 65_000, 60);
        turn.run(id, 1, 'agent', `Hi ${p.first}, this is Ava from Acme. Do you have a minute?`, 400);
        turn.run(id, 2, 'contact', 'Sure, go ahead, but make it quick please.', 3_100);
        if (i % 4 === 0) analysis.run(id, team.teamId, `${p.first} listened and asked for a call back next week.`);
      }
      enrolAll.run(campaign.id, companyId);
    })(),
  );
  // the export's process reads the database file, not a write-ahead log the size of the fixture
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  report('fixture: 1M calls, 1M enrolled', { loadMs });
  return campaign.id;
}

/**
 * exportChild.ts bundled as the headless host is, under out/ (where its SQLite addon resolves), so that the process
 * measured is the app as it ships and not the TypeScript loader, which alone holds some 80 MB.
 */
async function bundledChild(): Promise<string> {
  const outdir = join(import.meta.dirname, '../../out/bench');
  await build({ ...NODE_BUNDLE_OPTIONS, entryPoints: { exportChild: join(import.meta.dirname, 'exportChild.ts') }, outdir });
  return join(outdir, 'exportChild.js');
}

/** Runs one job in a fresh process on the fixture's file. */
async function inFreshProcess(program: string, dbFile: string, job: ExportJob): Promise<Extract<ExportChildReply, { type: 'ran' }>> {
  const child = forkBenchChild<ExportChildRequest, ExportChildReply>(program);
  try {
    child.send({ type: 'run', dbFile, job });
    return await child.next('ran', JOB_LIMIT_MS);
  } finally {
    await child.close();
  }
}

/**
 * Exports from the million-call fixture — the campaign's results (a row per enrolled contact) and its calls as CSV
 * and as JSON Lines (with transcripts and analyses) — each into /dev/null from a process of its own that opens the
 * workspace and does nothing else: time and that process's peak RSS, against a floor (also in a fresh process)
 * that reads the same rows in one raw statement without shaping or formatting them. Figures are noisy on a
 * shared machine.
 */
export async function benchExports(): Promise<void> {
  const { core } = await millionContacts();
  const campaignId = await millionCalls(core);
  const dbFile = core.services.store.file;
  const program = await bundledChild();
  const exports: { name: string; floor: 'calls' | 'results'; job: ExportJob }[] = [
    { name: 'results.csv', floor: 'results', job: { kind: 'export', request: { kind: 'results', campaignId }, to: '/dev/null' } },
    ...CALL_EXPORT_FORMATS.map((format) => ({
      name: `calls (${format})`,
      floor: 'calls' as const,
      job: { kind: 'export' as const, request: { kind: 'calls' as const, format, filters: { campaignId } }, to: '/dev/null' },
    })),
  ];
  const floors = new Map<string, Awaited<ReturnType<typeof inFreshProcess>>>();
  for (const { name, floor, job } of exports) {
    if (!floors.has(floor)) {
      const read = await inFreshProcess(program, dbFile, { kind: 'floor', of: floor, campaignId });
      floors.set(floor, read);
      report(`floor: raw read of the ${floor} rows`, { rows: read.rows, ms: read.ms, startRssMb: read.startRssMb, peakRssMb: read.peakRssMb });
    }
    const { rows: floorRows, ms: floorMs } = floors.get(floor)!;
    const { rows, bytes, ms, startRssMb, peakRssMb } = await inFreshProcess(program, dbFile, job);
    if (rows !== floorRows) throw new Error(`exports bench: ${name} wrote ${rows} rows, its floor read ${floorRows}`);
    report(`export 1M ${name}`, {
      rows, ms, floorMs, vsFloor: ms / floorMs, fileMb: bytes / (1024 * 1024), startRssMb, peakRssMb,
      goalMb: PEAK_RSS_GOAL_MB, withinGoal: peakRssMb < PEAK_RSS_GOAL_MB ? 'yes' : 'NO',
    });
  }
}
