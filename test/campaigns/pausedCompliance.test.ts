import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { testCore } from '../support/core';
import { failure } from '../support/inMemoryTransport';
import { makeWorld, required, T0, type World } from './fixtures';

let core: Core;
let w: World;

beforeEach(async () => {
  core = await testCore(() => T0);
  w = await makeWorld(core);
});

async function started() {
  const c = await w.api.invoke('campaigns.create', required(w, { name: 'Compliance while paused' }));
  return w.api.invoke('campaigns.run', { id: c.id, action: 'start' });
}

describe("a campaign's compliance settings after it started", () => {
  it('change while paused, like the other settings, and turning the guard off is recorded', async () => {
    const c = await started();
    await w.api.invoke('campaigns.run', { id: c.id, action: 'pause' });
    const changed = await w.api.invoke('campaigns.update', { id: c.id, legalHoursGuard: false, rollingCapPer24h: null });
    expect(changed).toMatchObject({ status: 'paused', legalHoursGuard: false, rollingCapPer24h: null });
    const back = await w.api.invoke('campaigns.update', { id: c.id, legalHoursGuard: true, rollingCapPer24h: 5 });
    expect(back).toMatchObject({ legalHoursGuard: true, rollingCapPer24h: 5 });
    const decisions = await w.api.invoke('compliance.decisions', { campaignId: c.id });
    expect(decisions.items.filter((d) => d.rule === 'guard').map((d) => d.reason)).toEqual([expect.stringContaining('turned on'), expect.stringContaining('turned off')]);
  });

  it('are refused while running (pause first), and a bad cap is named', async () => {
    const c = await started();
    const running = await failure(w.api.invoke('campaigns.update', { id: c.id, legalHoursGuard: false }));
    expect(running).toMatchObject({ code: 'conflict', message: 'Pause the campaign before changing its settings' });
    await w.api.invoke('campaigns.run', { id: c.id, action: 'pause' });
    const bad = await failure(w.api.invoke('campaigns.update', { id: c.id, rollingCapPer24h: 0 }));
    expect(bad.fields).toEqual({ rollingCapPer24h: 'Must be at least 1' });
    expect(await w.api.invoke('campaigns.get', { id: c.id })).toMatchObject({ legalHoursGuard: true, rollingCapPer24h: 3 });
  });
});
