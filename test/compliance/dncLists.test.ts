import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { createComplianceStore } from '../../main/compliance/complianceStore';
import { addContact, enrolmentRows, makeWorld, required, T0, type World } from '../campaigns/fixtures';
import { testCore } from '../support/core';

let core: Core;
let w: World;

beforeEach(async () => {
  core = await testCore(() => T0);
  w = await makeWorld(core);
});

const MESSY = ['(305) 555-0100', '305.555.0101', '+1 305 555 0102', '1-305-555-0103', 'not a number', '', '3055550100', '  305 555 0104  '].join('\n');

describe('DNC lists', () => {
  it('imports one number per line in any common format, reporting each bad row', async () => {
    const result = await w.api.invoke('dnc.import', { name: 'Registry', text: MESSY });
    expect(result).toMatchObject({ processedRows: 7, added: 5, alreadyListed: 0, duplicates: 1, failed: 1, errorsTruncated: false });
    expect(result.errors).toEqual([{ row: 5, field: 'phone', reason: '"not a number" is not a valid phone number' }]);
    expect(result.list).toMatchObject({ name: 'Registry', numbers: 5, blockedContacts: 0 });
    const stored = core.services.store.sqlite.prepare('SELECT e164 FROM dnc_numbers ORDER BY e164').pluck().all();
    expect(stored).toEqual(['+13055550100', '+13055550101', '+13055550102', '+13055550103', '+13055550104']);
  });

  it('reads Windows line ends and a byte-order mark', async () => {
    const result = await w.api.invoke('dnc.import', { name: 'Windows', text: '\uFEFF305-555-0100\r\n305-555-0101\r\n' });
    expect(result).toMatchObject({ processedRows: 2, added: 2, failed: 0 });
  });

  it('reads a CSV by its phone column, and adds to an existing list by id', async () => {
    const first = await w.api.invoke('dnc.import', { name: 'Opt-outs', text: '+13055550100\n' });
    const csv = 'Name,Phone Number,Notes\nAnn,(305) 555-0100,old\nBob,"305-555-0199",new\nCy,12345,bad\n';
    const result = await w.api.invoke('dnc.import', { listId: first.list.id, text: csv });
    expect(result).toMatchObject({ processedRows: 3, added: 1, alreadyListed: 1, failed: 1 });
    expect(result.errors).toEqual([{ row: 4, field: 'Phone Number', reason: '"12345" is not a valid phone number' }]);
    expect(result.list.numbers).toBe(2);
  });

  it('names every bad field of an import request', async () => {
    await expect(w.api.invoke('dnc.import', { text: '' } as never)).rejects.toMatchObject({ code: 'validation', fields: { text: 'The file is empty', name: 'Give a list name or a listId (one of them)' } });
    await expect(w.api.invoke('dnc.import', { listId: 'dnc_nope', text: '3055550100' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('shows how many contacts and waiting enrolments a list blocks; renames and deletes', async () => {
    const listed = await addContact(w, w.acme.id, { phone: '+13055550100' });
    await addContact(w, w.acme.id, { phone: '+13055550177' });
    const campaign = await w.api.invoke('campaigns.create', required(w));
    await w.api.invoke('campaigns.enrol', { id: campaign.id, contactIds: [listed.id] });
    const { list } = await w.api.invoke('dnc.import', { name: 'Registry', text: MESSY });
    expect(list).toMatchObject({ blockedContacts: 1, blockedEnrolments: 1 });
    expect(enrolmentRows(core, campaign.id)[0]).toMatchObject({ status: 'skipped', skipReason: 'dnc_list' });

    const other = await w.api.invoke('dnc.import', { name: 'Other', text: '3055550188' });
    await expect(w.api.invoke('dnc.rename', { id: other.list.id, name: 'Registry' })).rejects.toMatchObject({ fields: { name: 'A DNC list named "Registry" already exists' } });
    expect(await w.api.invoke('dnc.rename', { id: other.list.id, name: 'Renamed' })).toMatchObject({ name: 'Renamed', numbers: 1 });
    expect((await w.api.invoke('dnc.lists', {})).map((l) => l.name)).toEqual(['Registry', 'Renamed']);

    await w.api.invoke('dnc.delete', { id: list.id });
    expect((await w.api.invoke('dnc.lists', {})).map((l) => l.name)).toEqual(['Renamed']);
    await expect(w.api.invoke('dnc.delete', { id: list.id })).rejects.toMatchObject({ code: 'not_found' });
    expect(createComplianceStore(core.services.store.sqlite).dncListOf(w.team.teamId, '+13055550100')).toBeNull();
  });

  it('keeps lists per team', async () => {
    await w.api.invoke('dnc.import', { name: 'Registry', text: '3055550100' });
    const store = createComplianceStore(core.services.store.sqlite);
    expect(store.dncListOf(w.team.teamId, '+13055550100')).toBe('Registry');
    expect(store.dncListOf('team_other', '+13055550100')).toBeNull();
    expect(await core.services.dncLists.list({ teamId: 'team_other' })).toEqual([]);
  });
});
