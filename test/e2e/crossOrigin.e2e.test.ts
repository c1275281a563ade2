import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAppInChromium } from '../support/demoApp';
import { openPage } from '../support/navigation';
import { tempDbFile } from '../support/tempDb';

/**
 * A page a local dev server on another port of 127.0.0.1 could serve: it drives the host's /rpc with
 * credentialed fetches (plain and preflighted) and text/plain form posts, all at once.
 */
function forgingPage(hostOrigin: string): string {
  const form = (id: string, channel: string, name: string) =>
    `<iframe name="${id}"></iframe><form id="${id}" method="POST" enctype="text/plain" action="${hostOrigin}/rpc/${channel}" target="${id}">` +
    `<input name='{"name":"${name}","x":"' value='"}'></form>`;
  return `<!doctype html><title>forging</title>
${form('companyForm', 'companies.create', 'Forged by form')}
${form('keyForm', 'apiKeys.create', 'Forged key by form')}
<script>
const host = ${JSON.stringify(hostOrigin)};
const post = (channel, name, headers) =>
  fetch(host + '/rpc/' + channel, { method: 'POST', credentials: 'include', headers, body: JSON.stringify({ name }) })
    .then((r) => 'read ' + r.status, () => 'blocked');
const json = { 'content-type': 'application/json', 'x-dialwell-request': '1' };
const loaded = [...document.querySelectorAll('iframe')].map((f) => new Promise((done) => f.addEventListener('load', done, { once: true })));
const attempts = [
  post('companies.create', 'Forged by fetch'),
  post('apiKeys.create', 'Forged key by fetch'),
  post('companies.create', 'Forged by preflighted fetch', json),
  post('apiKeys.create', 'Forged key by preflighted fetch', json),
];
document.getElementById('companyForm').submit();
document.getElementById('keyForm').submit();
Promise.all([...attempts, ...loaded]).then((results) => { window.results = results.slice(0, attempts.length); document.title = 'done'; });
</script>`;
}

describe('a page on another port of 127.0.0.1 cannot act on the host or learn its token', () => {
  const dbFile = tempDbFile();
  const app = demoAppInChromium(['--db', dbFile]);
  let page: Page;
  let hostOrigin: string;
  let token: string;
  let apiKey: string;
  let other: Server;
  let otherOrigin: string;
  /** The Cookie header of every request the browser sent to the other server. */
  const cookiesSeen: string[] = [];

  beforeAll(async () => {
    ({ page } = app);
    const printed = new URL(app.host.url);
    hostOrigin = printed.origin;
    token = printed.searchParams.get('token')!;
    const created = execFileSync(process.execPath, ['--import', 'tsx', 'main/api/cli.ts', 'create', '--db', dbFile, '--name', 'Checker'], { encoding: 'utf8' });
    apiKey = created.trim().split('\n').pop()!.trim();
    other = createServer((req, res) => {
      cookiesSeen.push(req.headers.cookie ?? '');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(forgingPage(hostOrigin));
    });
    await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
    const address = other.address();
    otherOrigin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((done) => (other ? other.close(() => done()) : done())));

  /** Companies named "Forged…", through the host's REST API. */
  const forgedCompanies = async () => {
    const response = await fetch(`${hostOrigin}/api/crm/companies?search=Forged`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { total: number }).total;
  };
  /** The host's API keys, as `npm run api-key list` prints them (a process of its own: tests using it get a minute on a busy machine). */
  const keyList = () => execFileSync(process.execPath, ['--import', 'tsx', 'main/api/cli.ts', 'list', '--db', dbFile], { encoding: 'utf8' });

  it('the host page itself works: its own calls carry what the host asks for', { timeout: 60_000 }, async () => {
    await openPage(page, 'Companies');
    await expect.poll(() => page.getByText('Northwind Logistics').count()).toBeGreaterThan(0);
    expect(keyList()).toContain('Checker');
  });

  /** Opens the other server's page in the logged-in browser and waits until its attempts have all been answered. */
  async function visitForgingPage(): Promise<{ results: string[]; formAnswers: number[] }> {
    // the browser reports the answers to the forms (the fetches' are withheld from the page and from the test alike)
    const formAnswers: number[] = [];
    const record = (response: Response) => {
      if (response.url().startsWith(`${hostOrigin}/rpc/`) && response.request().resourceType() === 'document') formAnswers.push(response.status());
    };
    page.on('response', record);
    try {
      await page.goto(otherOrigin);
      await page.waitForFunction(() => document.title === 'done');
      await expect.poll(() => formAnswers.length).toBe(2);
      return { results: await page.evaluate(() => (window as unknown as { results: string[] }).results), formAnswers };
    } finally {
      page.off('response', record);
    }
  }

  it('credentialed fetches and text/plain form posts from the other port are refused (403) and change nothing', { timeout: 60_000 }, async () => {
    const { results, formAnswers } = await visitForgingPage();
    expect(formAnswers).toEqual([403, 403]);
    expect(results).toEqual(['blocked', 'blocked', 'blocked', 'blocked']);
    expect(await forgedCompanies()).toBe(0);
    expect(keyList()).not.toContain('Forged');
  });

  it('the cookies the browser sends to the other port hold neither the token nor anything that works on the host', async () => {
    await visitForgingPage();
    // the browser does send the host's session cookie there: it is the replay below that must fail
    expect(cookiesSeen.join('; ')).toMatch(/dw_session_\d+=/);
    for (const cookie of cookiesSeen) {
      expect(cookie).not.toContain(token);
      // the other server replays what it saw, with the JSON type and a guess at the custom header
      const replay = await fetch(`${hostOrigin}/rpc/companies.create`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-dialwell-request': '1' },
        body: JSON.stringify({ name: 'Forged by replay' }),
      });
      expect(replay.status).toBe(403);
    }
    expect(await forgedCompanies()).toBe(0);
    // and the host's own page still works after all this
    await page.goto(hostOrigin);
    await openPage(page, 'Companies');
    await expect.poll(() => page.getByText('Northwind Logistics').count()).toBeGreaterThan(0);
  });
});
