import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { openCore } from '../../main/core';
import { silentLogger } from '../../main/platform/log';
import { exportRequest, type ExportRequest } from '../../shared/exports/exports';
import type { ChildFailure } from './benchChild';
import { timeMs } from './measure';

/*
 * One export, or its floor, in a process that has just opened the workspace (exports.bench.ts forks one per
 * measurement): its peak resident set is then the app's own plus the export's, not the bench's fixture's.
 */

/** The floors: the rows an export carries, read in one raw statement and neither shaped nor formatted. */
const FLOORS = {
  calls: `SELECT k.*, ct.first_name, ct.last_name, (SELECT group_concat(t.text, char(10)) FROM call_turns t WHERE t.call_id = k.id) AS turns,
            a.state, a.summary, a.success, a.fields
          FROM calls k LEFT JOIN contacts ct ON ct.id = k.contact_id LEFT JOIN call_analyses a ON a.call_id = k.id
          WHERE k.campaign_id = ? ORDER BY k.started_at DESC, k.seq DESC`,
  results: `SELECT cc.*, ct.first_name, ct.last_name, ct.phone, ct.email, a.state, a.summary, a.success, a.fields
            FROM campaign_contacts cc LEFT JOIN contacts ct ON ct.id = cc.contact_id
            LEFT JOIN call_analyses a ON a.call_id = (SELECT k.id FROM calls k JOIN call_analyses d ON d.call_id = k.id
              WHERE k.to_number = ct.phone AND +k.campaign_id = cc.campaign_id AND k.contact_id = cc.contact_id AND d.state = 'done'
              ORDER BY k.started_at DESC LIMIT 1)
            WHERE cc.campaign_id = ? ORDER BY cc.contact_id`,
} as const;

export type ExportJob =
  | { kind: 'export'; request: ExportRequest; to: string }
  | { kind: 'floor'; of: keyof typeof FLOORS; campaignId: string };

export type ExportChildRequest = { type: 'run'; dbFile: string; job: ExportJob };

export type ExportChildReply =
  /** Rows and bytes carried, wall ms, and this process's resident set (MB): at the start of the job, and its peak over its life. */
  | { type: 'ran'; rows: number; bytes: number; ms: number; startRssMb: number; peakRssMb: number }
  | ChildFailure;

const MB = 1024 * 1024;
/** The highest resident set this process has had (the kernel's high-water mark; maxRSS is in KiB). */
const peakRssMb = () => (process.resourceUsage().maxRSS * 1024) / MB;

async function run({ dbFile, job }: ExportChildRequest): Promise<ExportChildReply> {
  const core = await openCore({ dbFile, log: silentLogger, dial: false });
  const startRssMb = process.memoryUsage().rss / MB;
  let rows = 0;
  let bytes = 0;
  const ms = await timeMs(async () => {
    if (job.kind === 'floor') {
      for (const _row of core.services.store.sqlite.prepare(FLOORS[job.of]).raw().iterate(job.campaignId)) rows++;
      return;
    }
    const file = await core.services.exports.open(core.localTeam, exportRequest.parse(job.request));
    const sink = createWriteStream(job.to);
    await pipeline(file.body, sink);
    rows = file.rowsWritten();
    bytes = sink.bytesWritten;
  });
  const reply: ExportChildReply = { type: 'ran', rows, bytes, ms, startRssMb, peakRssMb: peakRssMb() };
  await core.close();
  return reply;
}

process.once('message', (request: ExportChildRequest) => {
  run(request).then(
    (reply) => process.send!(reply),
    (error: Error) => process.send!({ type: 'failed', message: error.stack ?? error.message } satisfies ChildFailure),
  );
});
