import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { createDialerStore } from '../../../main/db/dialerStore';
import { migrations } from '../../../main/db/migrations';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { openStore, schemaVersion, type Store } from '../../../main/db/open';
import { tempDbFile } from '../../support/tempDb';
import { insertCampaign, insertRow } from './rows';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const version = migrations.findIndex((m) => m.name === 'dialer-leases') + 1;
const NOW = Date.parse('2027-01-04T15:00:00Z');

const call = (db: Store['sqlite'], id: string, status: string, owner: string | null) =>
  insertRow(db, 'calls', {
    id,
    team_id: DEFAULT_TEAM_ID,
    campaign_id: 'c1',
    contact_id: `p_${id}`,
    attempt: 1,
    from_number: '+12025550100',
    to_number: '+12025550199',
    status,
    outcome: status === 'ended' ? 'answered' : null,
    provider: 'simulator',
    owner,
    started_at: 1,
    ended_at: status === 'ended' ? 2 : null,
  });

describe(`migration ${version} (dialer leases)`, () => {
  it('adds the lease table; calls in progress owned the old way (host/pid/instance) belong to no lease, whatever host or process they name', async () => {
    expect(migrations[version - 1]).toMatchObject({ version, name: 'dialer-leases' });
    const file = tempDbFile();
    const before = await openStore(file, { migrations: migrations.slice(0, version - 1) });
    insertRow(before.sqlite, 'companies', { id: 'co1', team_id: DEFAULT_TEAM_ID, name: 'Co', created_at: 1, updated_at: 1 });
    insertRow(before.sqlite, 'assistants', { id: 'a1', team_id: DEFAULT_TEAM_ID, name: 'A', created_at: 1, updated_at: 1 });
    insertCampaign(before.sqlite, 'c1');
    // this process, a live process on this host, another host: earlier versions took the last two as running
    call(before.sqlite, 'mine', 'in_progress', `${hostname()}/${process.pid}/dlr_1`);
    call(before.sqlite, 'live_pid', 'ringing', `${hostname()}/${process.ppid}/dlr_2`);
    call(before.sqlite, 'other_host', 'dialing', `elsewhere/${process.pid}/dlr_3`);
    call(before.sqlite, 'no_owner', 'dialing', null);
    call(before.sqlite, 'done', 'ended', `${hostname()}/${process.pid}/dlr_1`);
    await before.close();

    store = await openStore(file, { migrations: migrations.slice(0, version) });
    const db = store.sqlite;
    expect(schemaVersion(db)).toBe(version);
    const columns = (db.prepare(`PRAGMA table_info(dialer_leases)`).all() as { name: string; pk: number }[]).map((c) => [c.name, c.pk]);
    expect(columns).toEqual([
      ['id', 1],
      ['holder', 0],
      ['acquired_at', 0],
      ['renewed_at', 0],
      ['expires_at', 0],
    ]);
    // the rows themselves are kept as they were
    expect(db.prepare(`SELECT owner FROM calls WHERE id = 'done'`).pluck().get()).toBe(`${hostname()}/${process.pid}/dlr_1`);
    await store.close();

    // the dialer's statements need the whole current schema
    store = await openStore(file);
    const dialer = createDialerStore(store.sqlite);
    dialer.renewLease({ id: 'lease_live', holder: 'test/1', at: NOW, expiresAt: NOW + 30_000 });
    call(store.sqlite, 'leased', 'dialing', 'lease_live');
    const taken = dialer.batch(() => dialer.takeOverOrphans('lease_new', NOW));
    expect(taken.map((c) => c.id).sort()).toEqual(['live_pid', 'mine', 'no_owner', 'other_host']);
    expect(store.sqlite.prepare(`SELECT id, owner FROM calls WHERE status <> 'ended' ORDER BY id`).all()).toEqual([
      { id: 'leased', owner: 'lease_live' },
      { id: 'live_pid', owner: 'lease_new' },
      { id: 'mine', owner: 'lease_new' },
      { id: 'no_owner', owner: 'lease_new' },
      { id: 'other_host', owner: 'lease_new' },
    ]);
    expect(dialer.nextLeaseExpiry('lease_new')).toBe(NOW + 30_000);
  });
});
