import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ARTIFACTS, demoAppInChromium, screenshotFailures } from '../support/demoApp';
import { FAKE_API_KEY, FakeRealtime } from '../support/fakeRealtime';
import { openPage } from '../support/navigation';
import { tempDbFile } from '../support/tempDb';

// the host inherits this process's environment: a key in it would stand in for the saved one
vi.stubEnv('OPENAI_API_KEY', undefined);
vi.stubEnv('OPENAI_BASE_URL', undefined);

describe('the Voice engine section of Settings, in headless Chromium against the host and a fake Realtime server', () => {
  const dbFile = tempDbFile();
  const app = demoAppInChromium(['--db', dbFile]);
  screenshotFailures(app, 'voice-settings');
  const savedFile = () => readFileSync(join(dirname(dbFile), 'settings.json'), 'utf8');
  let fake: FakeRealtime;
  let page: Page;
  let section: Locator;

  beforeAll(async () => {
    fake = await FakeRealtime.start();
    ({ page } = app);
    await openPage(page, 'Settings');
    section = page.getByRole('region', { name: 'Voice engine' });
    await section.waitFor();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await fake?.close();
  });

  const keyField = () => section.getByLabel('OpenAI API key');
  const baseUrlField = () => section.getByLabel('Base URL');
  const status = (text: string) => section.getByRole('status').filter({ hasText: text });

  it('tests the typed key and base URL before saving, then saves the key sealed and never shows it again', async () => {
    await expect.poll(() => section.textContent()).toContain('No key is saved yet.');
    expect(await baseUrlField().inputValue()).toBe('https://api.openai.com/v1');
    expect(await keyField().getAttribute('type')).toBe('password');

    await keyField().fill(FAKE_API_KEY);
    await baseUrlField().fill(fake.baseUrl);
    await section.getByRole('button', { name: 'Test connection' }).click();
    await status('Connected').waitFor();
    expect(fake.authorizations).toEqual([`Bearer ${FAKE_API_KEY}`]);

    await section.getByRole('button', { name: 'Save voice settings' }).click();
    await status('Saved.').waitFor();
    await expect.poll(() => section.textContent()).toContain('A key is saved.');
    expect(await keyField().inputValue()).toBe('');
    expect(JSON.parse(savedFile()).voice).toEqual({ openaiApiKeySealed: expect.stringMatching(/^sealed:/), openaiBaseUrl: fake.baseUrl });
    expect(savedFile()).not.toContain(FAKE_API_KEY);

    await page.reload();
    await openPage(page, 'Settings');
    await expect.poll(() => section.textContent()).toContain('A key is saved.');
    expect(await baseUrlField().inputValue()).toBe(fake.baseUrl);
    expect(await page.content()).not.toContain(FAKE_API_KEY);
    await page.screenshot({ path: `${ARTIFACTS}/settings-voice-engine.png`, fullPage: true });
  });

  it('says why a connection fails, and shows a bad base URL under its field', async () => {
    await keyField().fill('sk-typed-wrong-key-0123456789');
    await section.getByRole('button', { name: 'Test connection' }).click();
    await status('OpenAI rejected the API key').waitFor();
    expect(await status('Could not connect').count()).toBe(1);

    await keyField().fill('');
    await baseUrlField().fill('ftp://files.example');
    await section.getByRole('button', { name: 'Save voice settings' }).click();
    await section.getByText('Enter an http:// or https:// URL, such as https://api.openai.com/v1').waitFor();
    expect(JSON.parse(savedFile()).voice.openaiBaseUrl).toBe(fake.baseUrl);
  });
});
