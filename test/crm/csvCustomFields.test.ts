import { beforeEach, describe, expect, it } from 'vitest';
import { mapColumns } from '../../main/crm/csvColumns';
import { previewContext } from '../../shared/assistants/preview';
import { compileTemplate, renderTemplate } from '../../shared/assistants/templates';
import type { CsvMapping } from '../../shared/crm/csvImport';
import { failure } from '../support/inMemoryTransport';
import { contactsIn, importWorld, type ImportWorld } from './importWorld';

let world: ImportWorld;
beforeEach(async () => {
  world = await importWorld();
});

const importCsv = (lines: string[], mapping?: CsvMapping) => world.api.invoke('contacts.import', { companyId: world.acme.id, csv: lines.join('\n') + '\n', mapping });

const byPhone = async (phone: string) => (await contactsIn(world.api, world.acme.id)).find((c) => c.phone === phone)!;

describe('CSV columns as custom fields', () => {
  it('names each unmatched column after its header, distinct from every other column and from chosen keys', () => {
    const headers = ['Phone', 'Plan Tier', 'plan-tier', 'Región (HQ)', '!!!', 'Account', 'Acct'];
    expect(mapColumns(headers, { Acct: 'custom:account' })).toEqual({
      Phone: 'phone',
      'Plan Tier': 'custom:plan_tier',
      'plan-tier': 'custom:plan_tier_2',
      'Región (HQ)': 'custom:region_hq',
      '!!!': 'custom:column_5',
      Account: 'custom:account_2',
      Acct: 'custom:account',
    });
  });

  it('fills the contact’s custom fields from non-empty cells, which {{custom.<key>}} then says', async () => {
    const result = await importCsv(['First Name,Phone,Plan Tier,Región,Spare', 'Ann,212-555-0601,Gold,Île-de-France,', 'Bo,212-555-0602,,,x']);
    expect(result).toMatchObject({ imported: 2, failed: 0 });
    const ann = await byPhone('+12125550601');
    expect(ann.customFields).toEqual({ plan_tier: 'Gold', region: 'Île-de-France' });
    expect((await byPhone('+12125550602')).customFields).toEqual({ spare: 'x' });

    const preview = await world.api.invoke('assistants.previewContact', { contactId: ann.id });
    const greeting = compileTemplate('Hi {{firstName}}, your {{custom.plan_tier|basic}} plan in {{ custom.region }}{{custom.spare|}}.');
    expect(renderTemplate(greeting, previewContext(preview, 'Riley', Date.UTC(2026, 2, 3, 15)))).toBe('Hi Ann, your Gold plan in Île-de-France.');
  });

  it('follows the user’s choice: ignore a column, give it a contact field, or keep a contact-field column as custom', async () => {
    await importCsv(['Phone,Plan,Internal,Title', '212-555-0611,Gold,secret,CTO'], { Internal: 'ignore', Plan: 'jobTitle', Title: 'custom:role' });
    expect(await byPhone('+12125550611')).toMatchObject({ jobTitle: 'Gold', customFields: { role: 'CTO' } });
    expect(JSON.stringify(await contactsIn(world.api, world.acme.id))).not.toContain('secret');
  });

  it('reports a cell too long for a custom field as a row error on that field', async () => {
    const result = await importCsv(['Phone,Plan', `212-555-0621,${'x'.repeat(2001)}`]);
    expect(result).toMatchObject({ imported: 0, failed: 1 });
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([[2, 'customFields.plan']]);
  });

  it('leaves a duplicate’s contact and its custom fields as they were', async () => {
    await world.api.invoke('contacts.create', { companyId: world.acme.id, firstName: 'Cy', phone: '212-555-0631', customFields: { badge: '42' } });
    const result = await importCsv(['Phone,Plan', '212-555-0631,Gold']);
    expect(result).toMatchObject({ imported: 0, duplicates: 1 });
    expect((await byPhone('+12125550631')).customFields).toEqual({ badge: '42' });
  });

  it('refuses a mapping to a key no template can read, or two columns into one custom field, naming each column', async () => {
    const bad = await failure(importCsv(['Phone,A,B,C,D', '212-555-0641,1,2,3,4'], { A: 'custom:', B: 'custom: x', C: 'custom:p', D: 'custom:p' }));
    expect(bad.code).toBe('validation');
    expect(bad.fields).toEqual({
      'mapping.A': expect.stringMatching(/not a custom field key/),
      'mapping.B': expect.stringMatching(/not a custom field key/),
      'mapping.D': 'Column "C" fills custom field p already',
    });
    expect(await contactsIn(world.api, world.acme.id)).toEqual([]);
  });
});
