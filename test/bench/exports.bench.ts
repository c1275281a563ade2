import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Core } from '../../main/core';
import { CALL_EXPORT_FORMATS, type CallExportFormat } from '../../shared/exports/exports';
import { report, timeMs } from './measure';
import { benchCaller, MILLION, millionContacts } from './millionContacts';
import { person } from './people';

/** The goal for the process's peak while it exports (it also holds the million-contact fixture's workspace: rssBeforeMb). */
const PEAK_RSS_GOAL_MB = 200;
const MB = 1024 * 1024;

/** A million ended calls of one campaign, one per fixture contact: two turns each, every fourth one analysed. */
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
    })(),
  );
  report('fixture: 1M calls', { loadMs });
  return campaign.id;
}

/** Bytes written, to a sink that keeps none of them. */
function discard(): { sink: Writable; bytes: () => number } {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  return { sink, bytes: () => bytes };
}

/** The highest resident set size while `run` runs, sampled every 20 ms. */
async function peakRssMb(run: () => Promise<void>): Promise<number> {
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    await run();
  } finally {
    clearInterval(sample);
  }
  return Math.max(peak, process.memoryUsage().rss) / MB;
}

/**
 * Export of 1M calls (with their transcripts and analyses) as CSV and as JSON Lines into a sink that keeps
 * nothing: time and the process's peak RSS, against a floor that reads the same rows in one raw statement
 * without shaping or formatting them. Figures are noisy on a shared machine.
 */
export async function benchExports(): Promise<void> {
  const { core } = await millionContacts();
  const campaignId = await millionCalls(core);
  const sqlite = core.services.store.sqlite;
  let floorRows = 0;
  const floorMs = await timeMs(() => {
    const rows = sqlite
      .prepare(
        `SELECT k.*, (SELECT group_concat(t.text, char(10)) FROM call_turns t WHERE t.call_id = k.id) AS turns, a.summary
         FROM calls k LEFT JOIN call_analyses a ON a.call_id = k.id WHERE k.campaign_id = ? ORDER BY k.started_at DESC, k.seq DESC`,
      )
      .raw()
      .iterate(campaignId);
    for (const _row of rows) floorRows++;
  });
  const exportOf = async (format: CallExportFormat) => {
    const file = await core.services.exports.open(core.localTeam, { kind: 'calls', format, filters: { campaignId, limit: 50, offset: 0 } });
    const { sink, bytes } = discard();
    global.gc?.();
    const startMb = process.memoryUsage().rss / MB;
    let ms = 0;
    const peakMb = await peakRssMb(async () => {
      ms = await timeMs(() => pipeline(file.body, sink));
    });
    if (file.rowsWritten() !== floorRows) throw new Error(`exports bench: ${format} wrote ${file.rowsWritten()} rows, the floor read ${floorRows}`);
    return { ms, startMb, peakMb, mb: bytes() / MB };
  };
  for (const format of CALL_EXPORT_FORMATS) {
    const { ms, startMb, peakMb, mb } = await exportOf(format);
    report(`export 1M calls (${format})`, { ms, floorMs, vsFloor: ms / floorMs, fileMb: mb, rssBeforeMb: startMb, peakRssMb: peakMb, exportAddedMb: peakMb - startMb, goalMb: PEAK_RSS_GOAL_MB, withinGoal: peakMb < PEAK_RSS_GOAL_MB ? 'yes' : 'NO' });
  }
}
