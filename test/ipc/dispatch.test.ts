import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { dispatch } from '../../main/ipc/dispatch';
import type { HandlerTable } from '../../main/operations';
import type { Logger } from '../../main/platform/log';
import { CHANNEL_NAMES, type Events } from '../../shared/contract/channels';
import type { Api } from '../../shared/contract/createApi';
import type { CsvImportProgress } from '../../shared/crm/csvImport';
import { AppError } from '../../shared/errors';
import { testCore } from '../support/core';
import { failure, inMemoryApi, inMemoryTransport } from '../support/inMemoryTransport';

let core: Core;
let api: Api;

beforeEach(async () => {
  core = await testCore();
  api = inMemoryApi(core);
});

function recordingLogger() {
  const entries: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const log: Logger = {
    info: (message, fields) => entries.push({ level: 'info', message, fields }),
    warn: (message, fields) => entries.push({ level: 'warn', message, fields }),
    error: (message, fields) => entries.push({ level: 'error', message, fields }),
  };
  return { log, entries };
}

describe('dispatch', () => {
  it('has a handler for every channel of the contract', () => {
    expect(Object.keys(core.handlers).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it('answers a valid request with an ok envelope', async () => {
    const envelope = await dispatch(core.handlers, 'app.info', undefined, core.localTeam, core.log);
    expect(envelope).toEqual({
      ok: true,
      value: {
        version: core.services.version,
        teamId: 'team_default',
        databaseFile: core.services.store.file,
        // what a core opened with no shell options runs at: the simulator in real time, no command line
        running: { shell: 'headless', apiPort: null, simulatorTimeScale: 1, fromCommandLine: [] },
      },
    });
  });

  it('answers an unknown channel with a not_found envelope', async () => {
    for (const channel of ['contacts.explode', '', 'toString', '__proto__', 'constructor', 42, null, undefined]) {
      const envelope = await dispatch(core.handlers, channel, {}, core.localTeam, core.log);
      expect(envelope.ok).toBe(false);
      if (envelope.ok) continue;
      expect(envelope.error.code).toBe('not_found');
      expect(envelope.error.message).toContain('Unknown channel');
      expect(envelope.error.fields).toBeUndefined();
    }
  });

  it('answers an invalid payload with a validation envelope naming every bad field', async () => {
    const envelope = await dispatch(
      core.handlers,
      'contacts.create',
      { companyId: '', phone: 'not a phone', email: 'x@', leadStatus: 'warm' },
      core.localTeam,
      core.log,
    );
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.code).toBe('validation');
    expect(Object.keys(envelope.error.fields!).sort()).toEqual(['companyId', 'email', 'leadStatus', 'phone']);
    expect(envelope.error.message).toMatch(/^Invalid /);

    const notAnObject = await dispatch(core.handlers, 'companies.create', 'Acme', core.localTeam, core.log);
    expect(notAnObject).toMatchObject({ ok: false, error: { code: 'validation', fields: { body: expect.any(String) } } });
    // nothing reached the database
    expect((await api.invoke('contacts.list', {})).total).toBe(0);
  });

  it('turns a thrown non-AppError into an internal envelope without leaking its message, and logs it', async () => {
    const { log, entries } = recordingLogger();
    const handlers: HandlerTable = {
      ...core.handlers,
      'companies.list': async () => {
        throw new Error('SQLITE_CORRUPT at /home/alice/secret/path.db');
      },
    };
    const envelope = await dispatch(handlers, 'companies.list', {}, core.localTeam, log);
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong inside Dialwell; see the log' },
    });
    expect(JSON.stringify(envelope)).not.toContain('secret');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ level: 'error', fields: { channel: 'companies.list' } });
    expect(String(entries[0].fields!.error)).toContain('SQLITE_CORRUPT at /home/alice/secret/path.db');

    const thrownString = await dispatch({ ...core.handlers, 'app.info': () => Promise.reject('raw string') }, 'app.info', {}, core.localTeam, log);
    expect(thrownString).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(thrownString)).not.toContain('raw string');
  });

  it('does the same for a real database failure inside a service', async () => {
    const { log, entries } = recordingLogger();
    core.services.store.sqlite.exec(
      "CREATE TRIGGER no_companies BEFORE INSERT ON companies BEGIN SELECT RAISE(ABORT, 'disk says no: /private/x'); END",
    );
    const envelope = await dispatch(core.handlers, 'companies.create', { name: 'Acme' }, core.localTeam, log);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(envelope)).not.toContain('disk says no');
    expect(String(entries[0].fields!.error)).toContain('disk says no');
  });

  it('passes an AppError thrown by a handler through as it is', async () => {
    const handlers: HandlerTable = {
      ...core.handlers,
      'app.info': async () => {
        throw new AppError('conflict', 'Campaign is running', { id: 'busy' });
      },
    };
    const envelope = await dispatch(handlers, 'app.info', {}, core.localTeam, core.log);
    expect(envelope).toEqual({ ok: false, error: { code: 'conflict', message: 'Campaign is running', fields: { id: 'busy' } } });
  });
});

describe('createApi over the in-memory transport', () => {
  it('returns the value of an ok envelope', async () => {
    const company = await api.invoke('companies.create', { name: 'Acme' });
    expect(company.name).toBe('Acme');
    expect(await api.invoke('companies.get', { id: company.id })).toEqual(company);
  });

  it('rethrows an error envelope as an AppError with its code, message and fields', async () => {
    const validation = await failure(api.invoke('companies.create', { name: '', phone: 'x' }));
    expect(validation).toBeInstanceOf(AppError);
    expect(validation).toBeInstanceOf(Error);
    expect(validation.code).toBe('validation');
    expect(validation.message).toMatch(/Invalid/);
    expect(Object.keys(validation.fields!).sort()).toEqual(['name', 'phone']);

    const notFound = await failure(api.invoke('companies.get', { id: 'cmp_nope' }));
    expect(notFound).toBeInstanceOf(AppError);
    expect(notFound.code).toBe('not_found');
    expect(notFound.fields).toBeUndefined();

    const unknown = await failure(api.invoke('nope.nothing' as 'app.info', {}));
    expect(unknown).toMatchObject({ code: 'not_found' });

    const internalApi = inMemoryApi(core, {
      handlers: { ...core.handlers, 'app.info': () => Promise.reject(new TypeError('boom')) },
    });
    const internal = await failure(internalApi.invoke('app.info', {}));
    expect(internal).toBeInstanceOf(AppError);
    expect(internal.code).toBe('internal');
    expect(internal.message).not.toContain('boom');
  });

  it('pushes crm.changed after a create, and stops after unsubscribing', async () => {
    const seen: Events['crm.changed'][] = [];
    const off = api.on('crm.changed', (e) => seen.push(e));
    const company = await api.invoke('companies.create', { name: 'Acme' });
    expect(seen).toEqual([{ entity: 'company' }]);
    await api.invoke('contacts.create', { companyId: company.id, firstName: 'Ada' });
    await api.invoke('assistants.create', { name: 'Sally' });
    expect(seen).toEqual([{ entity: 'company' }, { entity: 'contact' }, { entity: 'assistant' }]);
    // reads and failures announce nothing
    await api.invoke('companies.list', {});
    await failure(api.invoke('companies.create', { name: '' }));
    expect(seen).toHaveLength(3);

    off();
    await api.invoke('companies.create', { name: 'Globex' });
    expect(seen).toHaveLength(3);
  });

  it('ignores a subscription to an event that does not exist', async () => {
    const transport = inMemoryTransport(core);
    const seen: unknown[] = [];
    const off = transport.subscribe('crm.exploded', (p) => seen.push(p));
    await api.invoke('companies.create', { name: 'Acme' });
    expect(seen).toEqual([]);
    off();
  });

  it('pushes contacts.importProgress during an import, then crm.changed', async () => {
    const company = await api.invoke('companies.create', { name: 'Acme' });
    const order: string[] = [];
    const progress: CsvImportProgress[] = [];
    api.on('contacts.importProgress', (p) => {
      order.push('progress');
      progress.push(p);
    });
    api.on('crm.changed', (e) => order.push(`changed:${e.entity}`));

    const lines = ['Phone,Name'];
    for (let i = 0; i < 2500; i++) lines.push(`(212) 555-${String(i).padStart(4, '0')},Person ${i}`);
    lines.push('nope,Bad Phone');
    const result = await api.invoke('contacts.import', { companyId: company.id, csv: lines.join('\n') });

    expect(result).toMatchObject({ processedRows: 2501, imported: 2500, failed: 1, duplicates: 0 });
    expect(result.errors).toEqual([{ row: 2502, field: 'phone', reason: '"nope" is not a valid phone number' }]);
    // a progress report per committed batch of 500 rows; the last one holds the bad row
    expect(progress.map((p) => p.processedRows)).toEqual([500, 1000, 1500, 2000, 2500, 2501]);
    expect(progress.map((p) => p.imported)).toEqual([500, 1000, 1500, 2000, 2500, 2500]);
    expect(progress.every((p) => p.importId === result.importId)).toBe(true);
    expect(progress.at(-1)).toEqual({ importId: result.importId, processedRows: 2501, imported: 2500, duplicates: 0, failed: 1 });
    expect(order).toEqual([...progress.map(() => 'progress'), 'changed:contact']);
  });
});
