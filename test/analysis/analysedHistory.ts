import { createAnalysisWorker } from '../../main/analysis/analysisWorker';
import { analystsFor } from '../../main/analysis/analystFor';
import type { Core } from '../../main/core';
import { enqueueAnalysis } from '../../main/db/sqlite/callConversation';
import { createSqliteAnalysisJobStore } from '../../main/db/sqlite/analysisJobStore';
import { realClock } from '../../main/platform/clock';
import { silentLogger } from '../../main/platform/log';
import { seedCallHistory, type CallHistory } from '../calls/callHistory';

export const COLLECT = [
  { key: 'interest', type: 'enum', description: 'How keen', options: ['qualified', 'unqualified'] },
  { key: 'seats', type: 'number', description: 'Seats needed' },
  { key: 'pricing', type: 'boolean', description: 'Wants pricing' },
];

/**
 * The call history with its two conversations analysed, as simulated calls are: by the offline engine, with no
 * network and no key (the base URL given leads nowhere). Dana's call says she is keen; Omar's that he is busy.
 */
export async function seedAnalysedHistory(core: Core): Promise<CallHistory> {
  const h = await seedCallHistory(core);
  await h.w.api.invoke('assistants.update', { id: h.w.assistant.id, collect: COLLECT });
  await core.services.calls.recordTurn(h.ids.transferred, { speaker: 'contact', text: 'That sounds interesting, we need 12 seats.', offsetMs: 12_000 });
  await core.services.store.db.updateTable('calls').set({ provider: 'simulator' }).execute();
  for (const id of Object.values(h.ids)) await enqueueAnalysis(core.services.store.db, id).execute();
  const { events, store } = core.services;
  const worker = createAnalysisWorker({ jobs: createSqliteAnalysisJobStore(store.db, store.sqlite), clock: realClock(), events, log: silentLogger, analystFor: analystsFor(() => ({ baseUrl: 'http://127.0.0.1:9/v1' })) });
  worker.start();
  await worker.stop();
  return h;
}
