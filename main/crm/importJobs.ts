import { AppError } from '../../shared/errors';
import { newId } from '../platform/ids';
import type { CommittedOutcome, ContactImportStore, ImportBatch } from './contactImportStore';
import type { TeamScope } from './context';

export interface ImportJob {
  id: string;
  /** When this run of the job started: the stamp of its contacts and of its own row. */
  at: number;
  /** The company and file it imports. */
  file: string;
  /** Rows up to this one are committed (1, the header, for a new job). */
  rowsDone: number;
  committed: CommittedOutcome;
}

/**
 * Import jobs: one per file and company, committed in batches. A batch writes its contacts, its row errors and the
 * row it reached in one transaction, so a job cut off by a crash holds exactly the outcome of its committed rows,
 * and the same file imported again goes on from there. `store` writes on the background writer's connection.
 */
export function createImportJobs(store: ContactImportStore) {
  /** The files (company and hash) this process is importing now: a job left 'running' but not here was cut off. */
  const running = new Set<string>();

  async function resumedOrNew({ team, companyId, fileHash, at }: { team: TeamScope; companyId: string; fileHash: string; at: number }, file: string, errorLimit: number): Promise<ImportJob> {
    const cutOff = await store.unfinishedJob(team.teamId, companyId, fileHash);
    if (cutOff) return { ...cutOff, at, file, committed: await store.committed(cutOff.id, errorLimit) };
    const job = { id: newId('imp'), at, file, rowsDone: 1, committed: { errors: [], errorCount: 0, failed: 0, duplicates: 0 } };
    await store.createJob({ id: job.id, teamId: team.teamId, companyId, fileHash, at });
    return job;
  }

  return {
    /** The job of this file (its company and hash), started at `at`: the one cut off, resumed, or a new one. */
    async open(request: { team: TeamScope; companyId: string; fileHash: string; at: number }, errorLimit: number): Promise<ImportJob> {
      const file = `${request.companyId}:${request.fileHash}`;
      if (running.has(file)) throw AppError.conflict('This file is being imported into this company already');
      // claimed before the store is asked, so the same file opened meanwhile is refused rather than run twice
      running.add(file);
      try {
        return await resumedOrNew(request, file, errorLimit);
      } catch (error) {
        running.delete(file);
        throw error;
      }
    },

    /**
     * Commits a batch as one transaction: its contacts (each skipped, with a duplicate row error, when the company
     * has it), its row errors, and the row it reached. Returns whether each contact was inserted.
     */
    async commit(job: ImportJob, batch: ImportBatch, rowsDone: number): Promise<boolean[]> {
      const inserted = await store.commitBatch(job.id, batch, rowsDone, job.at);
      job.rowsDone = rowsDone;
      return inserted;
    },

    /** The job is done: its errors are in the caller's result, and the same file imported again is a new job. */
    finish: (job: ImportJob): Promise<void> => store.finishJob(job.id, job.at),

    /** This process no longer runs the job (finished, or failed and left to resume). */
    release(job: ImportJob): void {
      running.delete(job.file);
    },
  };
}
