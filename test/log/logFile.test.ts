import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLineLogger } from '../../main/platform/log';
import { logFileFor, openRotatingFile } from '../../main/platform/logFile';
import { tempFile } from '../support/tempFiles';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);
const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : []);

let umask: number;
beforeAll(() => void (umask = process.umask(0o022)));
afterAll(() => void process.umask(umask));

describe('the rotating log file', () => {
  it('lives in logs/ beside the workspace, named after it', () => {
    expect(logFileFor('/data/dialwell.db')).toBe('/data/logs/dialwell.log');
    expect(logFileFor('/data/team-b.db')).toBe('/data/logs/team-b.log');
  });

  it('moves a full file aside by size, keeps N of them, and loses no line in between', () => {
    const file = join(dirname(tempFile('x')), 'logs', 'dialwell.log');
    const log = createLineLogger(openRotatingFile(file, { maxBytes: 2000, keep: 2 }).write);
    for (let i = 0; i < 100; i++) log.info('entry', { i, padding: 'x'.repeat(40) });

    expect(existsSync(`${file}.3`)).toBe(false);
    const kept = [...lines(`${file}.2`), ...lines(`${file}.1`), ...lines(file)].map((line) => JSON.parse(line) as { i: number });
    // the newest entries, in order, each whole
    expect(kept.map((entry) => entry.i)).toEqual(Array.from({ length: kept.length }, (_, k) => 100 - kept.length + k));
    // two full moved-aside files and the current one
    expect(kept.length).toBeGreaterThan((2 * 2000) / 130);
    for (const path of [file, `${file}.1`, `${file}.2`]) {
      expect(statSync(path).size).toBeLessThanOrEqual(2000);
      expect(modeOf(path)).toBe('600');
    }
    expect(modeOf(dirname(file))).toBe('700');
  });

  it('goes on from an existing file, counting what it already holds, and makes it private', () => {
    const file = tempFile('dialwell.log');
    // 975 bytes: the next 30-byte line would take it past 1000
    writeFileSync(file, '{"old":true}\n'.repeat(75), { mode: 0o644 });
    const writer = openRotatingFile(file, { maxBytes: 1000, keep: 3 });
    expect(modeOf(file)).toBe('600');
    writer.write('{"new":"twenty-one bytes"}\n');
    expect(lines(`${file}.1`)).toHaveLength(75);
    expect(lines(file)).toEqual(['{"new":"twenty-one bytes"}']);
  });
});

describe('log entries', () => {
  function capture(level?: 'debug' | 'info') {
    const out: string[] = [];
    return { log: createLineLogger((line) => out.push(line), level), entries: () => out.map((line) => JSON.parse(line) as Record<string, unknown>) };
  }

  it('are one JSON object a line, with time, level and message', () => {
    const { log, entries } = capture();
    log.warn('campaign paused', { campaignId: 'cmp_1', failures: 5 });
    expect(entries()).toEqual([{ time: expect.stringMatching(/Z$/), level: 'warn', message: 'campaign paused', campaignId: 'cmp_1', failures: 5 }]);
  });

  it('mask phone numbers below debug level, in any field and any common writing', () => {
    const { log, entries } = capture();
    log.info('call to +12125550142 failed', { to: '+12125550142', from: '+1 (212) 555-0199', uri: 'sip:12125550142@trunk.example', other: ['+442071234567'], short: '+3312345' });
    const [entry] = entries();
    expect(entry).toMatchObject({ message: 'call to +1212•••0142 failed', to: '+1212•••0142', from: '+1212•••0199', uri: 'sip:1212•••0142@trunk.example', other: ['+4420•••4567'], short: '+33•••45' });
    expect(JSON.stringify(entry)).not.toMatch(/5550142|5550199|71234567/);
  });

  it('keep phone numbers whole at debug level, and ids, instants and counts as they are', () => {
    const { log, entries } = capture('debug');
    log.info('call', { to: '+12125550142', callId: 'call_20260301', at: '2026-03-01T10:00:00+01:00', count: 12125550142 });
    expect(entries()[0]).toMatchObject({ to: '+12125550142', callId: 'call_20260301', at: '2026-03-01T10:00:00+01:00', count: 12125550142 });
  });
});
