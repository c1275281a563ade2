import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import type { Api } from '../../shared/contract/createApi';
import { testCore } from '../support/core';
import { inMemoryApi } from '../support/inMemoryTransport';

let core: Core;
let api: Api;

beforeEach(async () => {
  core = await testCore();
  api = inMemoryApi(core);
});

const numbers = (count: number) => Array.from({ length: count }, (_, i) => `+1305${String(5550000 + i)}`);

describe('DNC import of a large file', () => {
  it('reports a row with a broken quote and keeps reading the numbers after it', async () => {
    const text = ['Name,Phone', 'Ann,(305) 555-0100', 'Bob,"(305) 555-0101', 'Cy,(305) 555-0102'].join('\n');
    const result = await api.invoke('dnc.import', { name: 'Registry', text });
    expect(result).toMatchObject({ processedRows: 3, added: 2, failed: 1 });
    expect(result.errors).toEqual([{ row: 3, field: 'row', reason: 'A quoted cell is never closed (unterminated quote)' }]);
    expect(core.services.store.sqlite.prepare('SELECT e164 FROM dnc_numbers ORDER BY e164').pluck().all()).toEqual(['+13055550100', '+13055550102']);
  });

  it('commits in batches while timers run, and a second import of the file adds nothing', async () => {
    const text = numbers(30_000).join('\n');
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    let timerRanBeforeTheEnd = false;
    const first = await api.invoke('dnc.import', { name: 'Registry', text }).then((result) => ((timerRanBeforeTheEnd = timerRan), result));
    expect(timerRanBeforeTheEnd).toBe(true);
    expect(first).toMatchObject({ processedRows: 30_000, added: 30_000, alreadyListed: 0, list: { numbers: 30_000 } });
    // what an import cut off part-way left is completed by importing the file again, without duplicates
    core.services.store.sqlite.prepare(`DELETE FROM dnc_numbers WHERE e164 > '+13055565000'`).run();
    const again = await api.invoke('dnc.import', { name: 'Registry', text });
    expect(again).toMatchObject({ added: 14_999, alreadyListed: 15_001, list: { id: first.list.id, numbers: 30_000 } });
  });
});
