import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnalysisWorker, MAX_ATTEMPTS, retryDelay } from '../../main/analysis/analysisWorker';
import { analystsFor } from '../../main/analysis/analystFor';
import type { Core } from '../../main/core';
import { createSqliteAnalysisJobStore } from '../../main/db/sqlite/analysisJobStore';
import { enqueueAnalysis } from '../../main/db/sqlite/callConversation';
import { VirtualClock } from '../../main/platform/clock';
import { silentLogger } from '../../main/platform/log';
import { MARCH, seedCallHistory, type CallHistory } from '../calls/callHistory';
import { testCore } from '../support/core';
import { FAKE_RESPONSES_KEY, startFakeResponses, type ScriptedAnswer } from '../support/fakeResponses';

const COLLECT = [
  { key: 'interest', type: 'enum', description: 'How the contact feels about a demo', options: ['qualified', 'contacted', 'unqualified'], mapTo: 'leadStatus' },
  { key: 'seats', type: 'number', description: 'Seats they need' },
  { key: 'wants_pricing', type: 'boolean', description: 'Asked about pricing' },
  { key: 'budget', type: 'text', description: 'Budget in their words', mapTo: 'custom.budget' },
];
const GOOD = { summary: 'Dana asked about pricing and was transferred.', success: true, fields: { interest: 'qualified', seats: 12, wants_pricing: true, budget: 'about 10k' } };

let core: Core;
let history: CallHistory;
let clock: VirtualClock;
let fake: Awaited<ReturnType<typeof startFakeResponses>>;

async function setUp(script: ScriptedAnswer[]) {
  fake = await startFakeResponses(script);
  core.services.voiceSettings.update({ openaiApiKey: FAKE_RESPONSES_KEY, openaiBaseUrl: fake.baseUrl });
}

/** A worker as the core starts one, on the test's clock; the transferred call (it has a transcript) queued. */
async function worker() {
  const made = createAnalysisWorker({ jobs: jobStore(), clock, events: core.services.events, log: silentLogger, analystFor: analystsFor(() => core.services.voiceSettings.connection()) });
  made.start();
  await made.idle();
  return made;
}

const jobStore = () => createSqliteAnalysisJobStore(core.services.store.db, core.services.store.sqlite);
const analysis = () => jobStore().of(history.ids.transferred);

beforeEach(async () => {
  clock = new VirtualClock(MARCH(10));
  core = await testCore(() => clock.now());
  history = await seedCallHistory(core);
  await history.w.api.invoke('assistants.update', { id: history.w.assistant.id, collect: COLLECT, successCriterion: 'The contact books a demo' });
  for (const id of Object.values(history.ids)) await enqueueAnalysis(core.services.store.db, id).execute();
});
afterEach(() => fake?.close());

describe('post-call analysis against the Responses endpoint', () => {
  it('queues only calls with a transcript', async () => {
    const queued = await core.services.store.db.selectFrom('callAnalyses').select('callId').orderBy('callId').execute();
    expect(queued.map((q) => q.callId).sort()).toEqual([history.ids.answered, history.ids.transferred].sort());
  });

  it('sends one structured-output request whose JSON schema is generated from the fields, and stores the answer', async () => {
    await setUp([{ text: JSON.stringify(GOOD) }, { text: JSON.stringify({ ...GOOD, success: false, fields: { ...GOOD.fields, interest: 'contacted' } }) }]);
    const w = await worker();
    expect(fake.requests).toHaveLength(2);
    const request = fake.requests.find((r) => String(r.body.input).includes('pricing'))!;
    expect(request.path).toBe('/v1/responses');
    expect(request.authorization).toBe(`Bearer ${FAKE_RESPONSES_KEY}`);
    expect(request.body.instructions).toContain('The contact books a demo');
    expect(request.body.input).toContain('Contact: Can I talk to someone about pricing?');
    const format = request.body.text?.format as { type: string; strict: boolean; schema: { properties: Record<string, { properties: Record<string, unknown>; required: string[] }> } };
    expect(format).toMatchObject({ type: 'json_schema', strict: true });
    const fields = format.schema.properties.fields;
    expect(fields.required).toEqual(['interest', 'seats', 'wants_pricing', 'budget']);
    expect(fields.properties.interest).toEqual({ description: 'How the contact feels about a demo', anyOf: [{ type: 'string', enum: ['qualified', 'contacted', 'unqualified'] }, { type: 'null' }] });
    expect(fields.properties.seats).toMatchObject({ anyOf: [{ type: 'number' }, { type: 'null' }] });
    expect(fields.properties.wants_pricing).toMatchObject({ anyOf: [{ type: 'boolean' }, { type: 'null' }] });
    expect(await analysis()).toEqual({ state: 'done', ...GOOD, error: null, attempts: 1 });
    await w.stop();
  });

  it('writes the mapped fields into the contact and its history', async () => {
    await setUp([{ text: JSON.stringify(GOOD) }, { text: JSON.stringify({ ...GOOD, fields: { ...GOOD.fields, interest: null, budget: null } }) }]);
    await (await worker()).stop();
    const dana = await core.services.contacts.get(history.w.team, history.dana.id);
    expect(dana.leadStatus).toBe('qualified');
    expect(dana.customFields).toMatchObject({ budget: 'about 10k' });
    const lines = await core.services.store.db.selectFrom('contactHistory').select(['contactId', 'text', 'callId', 'at']).orderBy('seq').execute();
    // Omar's call said neither, so his contact and history stay as they were
    expect(lines).toEqual([
      { contactId: history.dana.id, callId: history.ids.transferred, at: MARCH(10), text: 'Lead status set to qualified by call analysis' },
      { contactId: history.dana.id, callId: history.ids.transferred, at: MARCH(10), text: 'Custom field budget set to "about 10k" by call analysis' },
    ]);
  });

  it('stores malformed model output as failed with the reason, and a later retry succeeds', async () => {
    const bad = { ...GOOD, fields: { ...GOOD.fields, interest: 'maybe' } };
    await setUp([{ text: JSON.stringify(bad) }, { text: 'not json at all' }]);
    const w = await worker();
    const failed = await analysis();
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, summary: null });
    expect(failed!.error).toMatch(/does not match the fields \(fields\.interest: /);
    const other = await jobStore().of(history.ids.answered);
    expect(other).toMatchObject({ state: 'failed', error: "The model's answer is not JSON: not json at all" });

    fake.answer({ text: JSON.stringify(GOOD) }, { text: JSON.stringify(GOOD) });
    await clock.runUntil(MARCH(10) + retryDelay(1) - 1);
    expect(fake.requests).toHaveLength(2);
    await clock.runUntil(MARCH(10) + retryDelay(1));
    await w.idle();
    expect(fake.requests).toHaveLength(4);
    expect(await analysis()).toMatchObject({ state: 'done', attempts: 2, error: null, success: true });
    await w.stop();
  });

  it('gives up after the last attempt, with the service’s error as the reason', async () => {
    await setUp(Array.from({ length: 2 * MAX_ATTEMPTS }, () => ({ status: 503, message: 'overloaded' })));
    const w = await worker();
    await clock.runUntil(MARCH(11));
    await w.idle();
    expect(fake.requests).toHaveLength(2 * MAX_ATTEMPTS);
    const row = await core.services.store.db.selectFrom('callAnalyses').select(['state', 'attempts', 'nextAttemptAt', 'error']).where('callId', '=', history.ids.transferred).executeTakeFirst();
    expect(row).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(row!.error).toMatch(/^The analysis service answered 503/);
    await w.stop();
  });

  it('resumes after a restart: a job a stopped worker held comes due again and is done by the next one', async () => {
    await setUp([]);
    // a worker that died mid-attempt: it claimed both jobs and never answered
    const jobs = jobStore();
    expect(await jobs.claimDue(clock.now(), clock.now() + 60_000, 10)).toHaveLength(2);
    fake.answer({ text: JSON.stringify(GOOD) }, { text: JSON.stringify(GOOD) });
    const next = await worker();
    expect(fake.requests).toHaveLength(0);
    await clock.runUntil(clock.now() + 60_000);
    await next.idle();
    expect(fake.requests).toHaveLength(2);
    expect(await analysis()).toMatchObject({ state: 'done', attempts: 2 });
    await next.stop();
  });
});
