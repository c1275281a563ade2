import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CALL_OUTCOMES } from '../../shared/campaigns/types';

/** `npm run simulate` as a user runs it: a separate process, files in, one summary line out. */

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'dialwell-simulate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/simulate/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const base = { start: '2027-04-05T13:00:00Z', until: '2027-04-07T00:00:00Z', seed: 3, fromNumbers: ['+12025550100', '+12025550101'] };
const good = {
  ...base,
  campaign: { name: 'CLI', maxConcurrentCalls: 2, maxAttemptsPerContact: 3, retryDelayMinutes: 10 },
  contacts: [
    { firstName: 'Ann', phone: '+12125550001', outcomes: ['busy', 'no_answer', 'answered'] },
    { firstName: 'Bo', phone: '+13125550002', timezone: 'America/Chicago', outcomes: ['voicemail'] },
    { firstName: 'Cy', phone: '+12085550003', outcomes: ['invalid_number'] },
  ],
  generate: { count: 12, phonePrefix: '+1404' },
  events: [
    { at: '2027-04-05T13:30:00Z', action: 'addContacts', contacts: [{ phone: '+12125550004', outcomes: ['declined'] }] },
    { at: '2027-04-05T13:10:00Z', action: 'addDncList', name: 'Registry', numbers: ['(404) 555-0011'] },
  ],
};

describe('npm run simulate (main/simulate/cli.ts)', { concurrent: true }, () => {
  it('runs a good scenario: exit 0, one JSON summary line on stdout, --out has one call per line in start order', async () => {
    const out = join(dir, 'calls.jsonl');
    const { code, stdout, stderr } = await cli(file('good.json', good), '--out', out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0]);
    expect(summary).toMatchObject({
      campaignStatus: 'completed',
      calls: expect.any(Number),
      contacts: { completed: expect.any(Number), failed: expect.any(Number), skipped: expect.any(Number), pending: 0 },
      outcomes: expect.any(Object),
      virtualEnd: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      wallMs: expect.any(Number),
      decisions: { dnc_list: 1 },
    });
    expect(summary.contacts.completed + summary.contacts.failed + summary.contacts.skipped).toBe(16);
    expect(summary.contacts.failed).toBeGreaterThanOrEqual(1); // the invalid number
    for (const key of Object.keys(summary.outcomes)) expect(CALL_OUTCOMES).toContain(key);

    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const calls = text.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(calls).toHaveLength(summary.calls);
    const tally: Record<string, number> = {};
    for (const call of calls) {
      expect(call).toMatchObject({
        callId: expect.any(String), phone: expect.stringMatching(/^\+\d+$/), timezone: expect.any(String), from: expect.stringMatching(/^\+1202555010[01]$/),
        attempt: expect.any(Number), startedAt: expect.any(String), endedAt: expect.any(String), outcome: expect.any(String),
      });
      tally[call.outcome] = (tally[call.outcome] ?? 0) + 1;
    }
    expect(tally).toEqual(summary.outcomes);
    const starts = calls.map((c) => Date.parse(c.startedAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(calls.filter((c) => c.phone === '+12125550001').map((c) => c.outcome)).toEqual(['busy', 'no_answer', 'answered']);
    expect(calls.find((c) => c.phone === '+12085550003').timezone).toBe('America/Boise,America/Los_Angeles');
    expect(calls.find((c) => c.phone === '+12125550004').startedAt).toBe('2027-04-05T13:30:00.000Z');
    expect(calls.filter((c) => c.phone === '+14045550011' && c.startedAt >= '2027-04-05T13:10:00.000Z')).toEqual([]); // listed at 13:10, its retry skipped
  });

  const bad: [string, string | object, RegExp][] = [
    ['an unknown outcome', { ...base, contacts: [{ phone: '+12125550001', outcomes: ['answered', 'hung_up'] }] }, /contacts\.0\.outcomes\.1/],
    ['an invalid contact zone', { ...base, contacts: [{ phone: '+12125550001', timezone: 'America/Gotham' }] }, /contacts\.0\.timezone/],
    ['an invalid campaign zone', { ...base, campaign: { callWindowTimezone: 'Mars/Olympus' }, contacts: [{ phone: '+12125550001' }] }, /campaign\.callWindowTimezone/],
    ['a malformed phone', { ...base, contacts: [{ phone: '12-34' }] }, /contacts\.0\.phone/],
    ['an unknown action', { ...base, events: [{ at: '2027-04-05T14:00:00Z', action: 'explode' }] }, /events\.0\.action/],
    ['a DNC list without numbers', { ...base, events: [{ at: '2027-04-05T14:00:00Z', action: 'addDncList', name: 'Registry', numbers: [] }] }, /events\.0\.numbers/],
    ['a malformed DNC number', { ...base, events: [{ at: '2027-04-05T14:00:00Z', action: 'addDncList', name: 'Registry', numbers: ['12-34'] }] }, /events\.0\.numbers\.0/],
    ['an unknown address state', { ...base, contacts: [{ phone: '+12125550001', state: 'Gondor' }] }, /contacts\.0\.state/],
    ['a campaign cap out of range', { ...base, campaign: { rollingCapPer24h: 0 }, contacts: [{ phone: '+12125550001' }] }, /campaign\.rollingCapPer24h/],
    ['missing fromNumbers', { start: base.start }, /fromNumbers/],
    ['missing start', { fromNumbers: base.fromNumbers }, /\bstart\b/],
    ['an out-of-range campaign field', { ...base, campaign: { maxConcurrentCalls: 11 } }, /campaign\.maxConcurrentCalls/],
    ['a file that is not JSON', '{"start": "2027-04-05T13:00:00Z",', /bad-a-file-that-is-not-JSON\.json/],
  ];
  it.each(bad)('refuses %s: non-zero exit, nothing on stdout, one line on stderr naming the field', async (name, content, field) => {
    const path = file(`bad-${name.replace(/\W+/g, '-')}.json`, content);
    const { code, stdout, stderr } = await cli(path);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(field);
  });

  it('refuses a file that does not exist', async () => {
    const { code, stdout, stderr } = await cli(join(dir, 'missing.json'));
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/missing\.json/)]);
  });

  it('refuses an --out path it cannot write with one line naming --out', async () => {
    const { code, stdout, stderr } = await cli(file('out-missing-dir.json', { ...base, contacts: [{ phone: '+12125550001' }] }), '--out', join(dir, 'no/such/dir/calls.jsonl'));
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/--out|calls\.jsonl/)]);
  });

  it('refuses no arguments and unknown options with the usage line', async () => {
    for (const args of [[], [file('usage.json', good), '--bogus']]) {
      const { code, stdout, stderr } = await cli(...args);
      expect(code).not.toBe(0);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/usage: npm run simulate/)]);
    }
  });
});
