import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { testCore } from '../support/core';
import { makeWorld, T0, type World } from './fixtures';

/** Rules found broken in review, each held by a test. */
let w: World;
beforeEach(async () => {
  w = await makeWorld(await testCore(() => T0));
});

const base = () => ({ name: 'Edge', assistantId: w.assistant.id, companyId: w.acme.id, fromNumberIds: [w.n1.id, w.n2.id] });

async function refusal(body: unknown): Promise<AppError> {
  const error = await w.core.services.campaigns.create(w.team, body).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('campaign validation edge cases', () => {
  it('names an unknown field even when it is called like an Object.prototype member', async () => {
    for (const key of ['constructor', 'toString', '__proto__']) {
      const body = JSON.parse(JSON.stringify({ ...base() }).replace(/}$/, `,"${key}":1}`));
      const error = await refusal(body);
      expect(Object.keys(error.fields!)).toContain(key);
      expect(error.fields![key]).toBe('Unknown field');
    }
  });

  it('names the cross-field rules together with the field errors', async () => {
    const error = await refusal({ ...base(), maxConcurrentCalls: 0, callWindowStart: '10:00', callWindowEnd: '10:00' });
    expect(error.fields).toHaveProperty('maxConcurrentCalls');
    expect(error.fields).toHaveProperty('callWindowEnd');
  });

  it('names an unknown from-number by its place in the list, skipping what the schema refuses', async () => {
    const error = await refusal({ ...base(), fromNumberIds: [5, 'num_nope'] });
    expect(error.fields).toHaveProperty('fromNumberIds.1');
  });

  it('answers a huge number list with a 400, not a database error', async () => {
    const error = await refusal({ ...base(), fromNumberIds: Array.from({ length: 40_000 }, (_, i) => `num_${i}`) });
    expect(error.code).toBe('validation');
    expect(error.fields).toHaveProperty('fromNumberIds');
  });

  it.each(['1', '2026', 'June 1, 2026', '2026-02-30T09:00:00Z', '2026-06-01T25:00:00Z'])('refuses %s as scheduledStartAt', async (text) => {
    expect((await refusal({ ...base(), scheduledStartAt: text })).fields).toHaveProperty('scheduledStartAt');
  });

  it('reads a local date-time with fractional seconds in the window zone', async () => {
    const campaign = await w.core.services.campaigns.create(w.team, { ...base(), scheduledStartAt: '2026-06-01T09:00:00.000' });
    expect(campaign.scheduledStartAt).toBe('2026-06-01T13:00:00.000Z');
  });

  it('changes caller-ID weights alone', async () => {
    const campaign = await w.core.services.campaigns.create(w.team, base());
    const updated = await w.core.services.campaigns.update(w.team, campaign.id, { fromNumberWeights: { [w.n2.id]: 3 } });
    expect(updated.fromNumbers.find((n) => n.phoneNumberId === w.n2.id)?.weight).toBe(3);
  });
});

describe('deletes scoped to the team', () => {
  it("does not reveal another team's campaign when deleting its contact or company", async () => {
    const contact = await w.api.invoke('contacts.create', { companyId: w.acme.id, firstName: 'Ann', phone: '+12125550111' });
    const campaign = await w.core.services.campaigns.create(w.team, { ...base(), name: 'Secret plan' });
    await w.core.services.enrolment.enrol(w.team, { id: campaign.id, contactIds: [contact.id], priority: 0 });
    await w.core.services.campaigns.run(w.team, campaign.id, 'start');
    w.core.services.store.sqlite.prepare(`INSERT INTO teams (id, name, created_at) VALUES ('team_b', 'B', 0)`).run();
    const other = { teamId: 'team_b' };
    for (const attempt of [w.core.services.contacts.remove(other, contact.id), w.core.services.companies.remove(other, w.acme.id)]) {
      const error = (await attempt.then(() => undefined, (e: unknown) => e)) as AppError;
      expect(error.code).toBe('not_found');
      expect(error.message).not.toContain('Secret plan');
    }
  });
});
