import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Core } from '../../main/core';
import { launchChromium } from './browser';
import { startHostProcess, type HostProcess, type HostProcessOptions } from './hostProcess';
import { tempDbFile } from './tempDb';

/** Screenshots for people to look at (git-ignored). */
export const ARTIFACTS = 'test/artifacts';

export interface DemoApp {
  host: HostProcess;
  page: Page;
  /** The host's workspace file (SQLite), for a test to seed rows straight into the store. */
  dbFile: string;
}

/**
 * For one test file: the headless host on a fresh demo workspace and a 1280×800 Chromium page opened
 * at the URL it printed. The fields are set before the file's own beforeAll runs; all is closed after.
 * `seed` fills the workspace through a core of its own, closed before the host opens the file (the demo then
 * adds nothing: it only fills an empty one).
 */
export function demoAppInChromium(extraHostArgs: string[] = [], hostOptions: HostProcessOptions = {}, seed?: (core: Core) => Promise<unknown>): DemoApp {
  const app = {} as DemoApp;
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app.dbFile = tempDbFile();
    if (seed) await seedWorkspace(app.dbFile, seed);
    app.host = await startHostProcess(['--db', app.dbFile, '--port', '0', '--demo', ...extraHostArgs], hostOptions);
    browser = await launchChromium();
    // a page in its own context, as axe-core's Playwright runner needs to inject into every frame
    app.page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    // a stuck action fails with its locator rather than as a bare test timeout; the machine may be busy
    app.page.setDefaultTimeout(20_000);
    await app.page.goto(app.host.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app.host?.stop();
  });
  return app;
}

async function seedWorkspace(dbFile: string, seed: (core: Core) => Promise<unknown>): Promise<void> {
  // loaded only here: most e2e files do not seed, and need not load the whole main process to drive a page
  const [{ openCore }, { silentLogger }] = await Promise.all([import('../../main/core'), import('../../main/platform/log')]);
  const core = await openCore({ dbFile, dial: false, log: silentLogger });
  try {
    await seed(core);
  } finally {
    await core.close();
  }
}

/** Saves the page as it was when a test of the file failed, to look at: `<prefix>-failed-<test name>.png`. */
export function screenshotFailures(app: DemoApp, prefix: string): void {
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await app.page.screenshot({ path: `${ARTIFACTS}/${prefix}-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png` });
  });
}
