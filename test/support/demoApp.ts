import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { startHostProcess, type HostProcess } from './hostProcess';
import { tempDbFile } from './tempDb';

/** Screenshots for people to look at (git-ignored). */
export const ARTIFACTS = 'test/artifacts';

export interface DemoApp {
  host: HostProcess;
  page: Page;
}

/**
 * For one test file: the headless host on a fresh demo workspace and a 1280×800 Chromium page opened
 * at the URL it printed. The fields are set before the file's own beforeAll runs; all is closed after.
 */
export function demoAppInChromium(extraHostArgs: string[] = []): DemoApp {
  const app = {} as DemoApp;
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app.host = await startHostProcess(['--db', tempDbFile(), '--port', '0', '--demo', ...extraHostArgs]);
    browser = await launchChromium();
    app.page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
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
