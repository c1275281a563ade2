import { describe, expect, it } from 'vitest';
import { hostForEachTest } from './http';

const { call: rest } = hostForEachTest();

const INTEREST = { key: 'interest', type: 'enum', description: 'How keen', options: ['qualified', 'unqualified'], mapTo: 'leadStatus' };

describe('what an assistant collects after each call', () => {
  it('takes fields and a success criterion, reads them back, and patches them alone', async () => {
    const created = await rest('POST', '/api/assistants', {
      name: 'Collector',
      collect: [INTEREST, { key: 'seats', type: 'number', description: 'Seats needed' }, { key: 'budget', type: 'text', mapTo: 'custom.budget' }],
      successCriterion: 'The contact books a demo',
    });
    expect(created.status, created.text).toBe(201);
    const { id, collect, successCriterion } = created.json.assistant;
    expect(successCriterion).toBe('The contact books a demo');
    expect(collect).toEqual([
      INTEREST,
      { key: 'seats', type: 'number', description: 'Seats needed', options: [], mapTo: null },
      { key: 'budget', type: 'text', description: '', options: [], mapTo: 'custom.budget' },
    ]);
    const patched = await rest('PATCH', `/api/assistants/${id}`, { collect: [INTEREST] });
    expect(patched.json.assistant).toMatchObject({ collect: [INTEREST], successCriterion: 'The contact books a demo' });
    expect((await rest('GET', `/api/assistants/${id}`)).json.assistant.collect).toEqual([INTEREST]);
    expect((await rest('POST', '/api/assistants', { name: 'Plain' })).json.assistant).toMatchObject({ collect: [], successCriterion: null });
  });

  it('names every bad field by its place in one 400: keys, duplicates, enums without options, mappings', async () => {
    const reply = await rest('POST', '/api/assistants', {
      name: 'Bad',
      collect: [
        INTEREST,
        { key: 'Seats', type: 'number' },
        { key: 'plan', type: 'enum', options: [] },
        { key: 'interest', type: 'text' },
        { key: 'size', type: 'decimal' },
        { key: 'ok', type: 'number', mapTo: 'leadStatus' },
        { key: 'stage', type: 'enum', options: ['hot', 'qualified'], mapTo: 'leadStatus' },
        { key: 'note', type: 'text', mapTo: 'notes' },
      ],
    });
    expect(reply.status).toBe(400);
    expect(reply.json.error.code).toBe('validation');
    const fields = reply.json.error.fields;
    expect(Object.keys(fields).sort()).toEqual(['collect.1.key', 'collect.2.options', 'collect.3.key', 'collect.4.type', 'collect.5.mapTo', 'collect.6.options', 'collect.7.mapTo']);
    expect(fields['collect.1.key']).toMatch(/Lower-case letters/);
    expect(fields['collect.2.options']).toBe('An enum needs its options');
    expect(fields['collect.3.key']).toBe('"interest" is used twice');
    expect(fields['collect.6.options']).toMatch(/^Not lead statuses: hot/);
    expect((await rest('GET', '/api/assistants')).json.assistants).toEqual([]);
  });
});
