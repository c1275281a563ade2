import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tone, wavBytes } from '../media/audio';
import { ARTIFACTS, demoAppInChromium } from '../support/demoApp';
import { dialogsClosed, openPage } from '../support/navigation';

const SECRET = 'e2e-Trunk-S3cret';
const AGENT_SECRET = 'e2e-Agent-S3cret';

describe('SIP trunks on the Phone Numbers page, in headless Chromium against the headless host', () => {
  const app = demoAppInChromium();
  let page: Page;
  /** Every reply the window got from main (/rpc/…), to prove the password never comes back. */
  const replies: string[] = [];

  beforeAll(async () => {
    ({ page } = app);
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/rpc/')) void response.text().then((text) => replies.push(text), () => {});
    });
    // the trunk dialog confirms a delete with window.confirm
    page.on('dialog', (dialog) => void dialog.accept());
  });

  const trunksTable = () => page.getByRole('table', { name: 'SIP trunks' });

  it('adds a trunk: a bad host is a field error; the password is stored, shown only as stored', async () => {
    await openPage(page, 'Phone Numbers');
    await page.getByRole('button', { name: 'Add SIP trunk' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add SIP trunk' });
    await dialog.getByRole('textbox', { name: 'Trunk name' }).fill('Northwind Carrier');
    await dialog.getByRole('textbox', { name: 'Host', exact: true }).fill('sip:carrier.example:5060');
    await dialog.getByRole('textbox', { name: 'Port', exact: true }).fill('5080');
    await dialog.getByRole('textbox', { name: 'Username', exact: true }).fill('northwind');
    await dialog.getByLabel('Password', { exact: true }).fill(SECRET);
    await dialog.getByRole('button', { name: 'Add trunk' }).click();
    await expect.poll(() => dialog.getByText('Must be a host name or IP address', { exact: false }).count()).toBe(1);
    expect(await dialog.getByRole('textbox', { name: 'Trunk name' }).inputValue()).toBe('Northwind Carrier');

    await dialog.getByRole('textbox', { name: 'Host', exact: true }).fill('sip.northwind.example');
    await dialog.getByRole('textbox', { name: 'Transport' }).click();
    await page.getByRole('option', { name: 'TCP' }).click();
    await dialog.getByRole('button', { name: 'Add trunk' }).click();
    await dialogsClosed(page);

    const row = trunksTable().getByRole('row', { name: /Northwind Carrier/ });
    await expect.poll(() => row.textContent()).toContain('sip.northwind.example:5080 (TCP)');
    expect(await row.textContent()).toContain('•••• stored');
    expect(await page.content()).not.toContain(SECRET);
  });

  it('edits the trunk without seeing its password: "•••• stored" and an empty Change password box', async () => {
    await trunksTable().getByRole('button', { name: 'Northwind Carrier' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Northwind Carrier' });
    expect(await dialog.getByText('•••• stored').count()).toBe(1);
    expect(await dialog.getByLabel('Change password').inputValue()).toBe('');
    expect(await page.content()).not.toContain(SECRET);
    await dialog.getByRole('textbox', { name: 'Ring timeout (seconds)' }).fill('45');
    await page.screenshot({ path: `${ARTIFACTS}/sip-trunk-edit.png` });
    await dialog.getByRole('button', { name: 'Save trunk' }).click();
    await dialogsClosed(page);
    // saved without retyping the password: it is still stored
    await expect.poll(() => trunksTable().getByRole('row', { name: /Northwind Carrier/ }).textContent()).toContain('•••• stored');
  });

  it('attaches a number to the trunk: provider SIP trunk needs a trunk chosen', async () => {
    await page.getByRole('button', { name: 'Add number' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add number' });
    await dialog.getByRole('textbox', { name: 'Number', exact: true }).fill('(617) 555-0199');
    await dialog.getByRole('textbox', { name: 'Provider' }).click();
    await page.getByRole('option', { name: 'SIP trunk' }).click();
    await dialog.getByRole('button', { name: 'Add number' }).click();
    await expect.poll(() => dialog.getByText('A SIP number needs a trunk').count()).toBe(1);

    await dialog.getByRole('textbox', { name: 'Trunk', exact: true }).click();
    await page.getByRole('option', { name: 'Northwind Carrier (sip.northwind.example)' }).click();
    await dialog.getByRole('button', { name: 'Add number' }).click();
    await dialogsClosed(page);

    const numberRow = page.getByRole('table', { name: 'Phone numbers' }).getByRole('row', { name: /\+16175550199/ });
    await expect.poll(() => numberRow.textContent()).toContain('SIP trunk: Northwind Carrier');
    await expect.poll(() => trunksTable().getByRole('row', { name: /Northwind Carrier/ }).textContent()).toMatch(/stored1$/);
    await page.screenshot({ path: `${ARTIFACTS}/sip-trunks.png`, fullPage: true });
  });

  it('will not delete a trunk a number calls through; moving the number off lets it go', async () => {
    await trunksTable().getByRole('button', { name: 'Northwind Carrier' }).click();
    await page.getByRole('dialog', { name: 'Edit Northwind Carrier' }).getByRole('button', { name: 'Delete trunk' }).click();
    await expect.poll(() => page.getByText('give them another trunk or provider first', { exact: false }).count()).toBe(1);
    await page.getByRole('dialog', { name: 'Edit Northwind Carrier' }).getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('table', { name: 'Phone numbers' }).getByRole('button', { name: '+16175550199' }).click();
    const numberDialog = page.getByRole('dialog', { name: 'Edit +16175550199' });
    await numberDialog.getByRole('textbox', { name: 'Provider' }).click();
    await page.getByRole('option', { name: 'Simulator' }).click();
    await numberDialog.getByRole('button', { name: 'Save number' }).click();
    await dialogsClosed(page);

    await trunksTable().getByRole('button', { name: 'Northwind Carrier' }).click();
    await page.getByRole('dialog', { name: 'Edit Northwind Carrier' }).getByRole('button', { name: 'Delete trunk' }).click();
    await dialogsClosed(page);
    await expect.poll(() => page.getByText('No SIP trunks yet', { exact: false }).count()).toBe(1);
  });

  it("sets an assistant's media on its Telephony tab: agent endpoint, uploaded greeting and voicemail WAVs, recording", async () => {
    // each voice engine shows what it uses: the agent's address for Media Streams, the greeting to play for audio
    const engine = (dialog: Locator, name: 'Media Streams (your agent)' | 'Audio only') => dialog.getByText(name, { exact: true }).click();
    await openPage(page, 'Assistants');
    await page.getByRole('button', { name: 'New assistant' }).click();
    const created = page.getByRole('dialog', { name: 'New assistant' });
    await created.getByRole('textbox', { name: 'Assistant name' }).fill('Media caller');
    // the free-text provider did nothing (numbers choose the provider) and is gone
    expect(await created.getByRole('textbox', { name: 'Provider' }).count()).toBe(0);
    await created.getByRole('tab', { name: 'Telephony' }).click();
    await engine(created, 'Media Streams (your agent)');
    await created.getByRole('textbox', { name: 'Agent endpoint' }).fill('https://agent.example/media');
    await engine(created, 'Audio only');
    // with neither greeting audio nor a greeting to speak, it has nothing to say, and the tab says so
    await expect.poll(() => created.getByText('Nothing to say', { exact: false }).count()).toBe(1);

    // a file that is not audio is refused where it was chosen; a WAV made now is uploaded and shown by name and length
    const choose = async (label: string, file: { name: string; mimeType: string; buffer: Buffer }) => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), created.getByLabel(label).click()]);
      await chooser.setFiles(file);
    };
    await choose('Greeting audio', { name: 'greeting.mp3', mimeType: 'audio/mpeg', buffer: Buffer.from('ID3 not a wav') });
    await expect.poll(() => created.getByText('Not a WAV file').count()).toBe(1);
    await choose('Greeting audio', { name: 'greeting.wav', mimeType: 'audio/wav', buffer: wavBytes([tone(440, 1.5)]) });
    const greeting = created.getByRole('group', { name: 'Greeting audio file' });
    await expect.poll(() => greeting.textContent()).toContain('greeting.wav');
    expect(await greeting.textContent()).toContain('1.5 s');
    expect(await created.getByText('Not a WAV file').count()).toBe(0);
    expect(await created.getByText('Nothing to say', { exact: false }).count()).toBe(0);
    await choose('Voicemail audio', { name: 'voicemail.wav', mimeType: 'audio/wav', buffer: wavBytes([tone(440, 2)], 8000, 'mulaw') });
    await expect.poll(() => created.getByRole('group', { name: 'Voicemail audio file' }).textContent()).toContain('voicemail.wav2.0 s');
    await created.getByText('Record calls', { exact: true }).click();
    await engine(created, 'Media Streams (your agent)');
    await created.getByRole('button', { name: 'Create assistant' }).click();
    await expect.poll(() => created.getByText('Must be a ws:// or wss:// URL').count()).toBe(1);

    await created.getByRole('textbox', { name: 'Agent endpoint' }).fill(`wss://agent-user:${AGENT_SECRET}@agent.example/media`);
    await created.getByRole('button', { name: 'Create assistant' }).click();
    await dialogsClosed(page);

    const reopen = async () => {
      await page.getByRole('table', { name: 'Assistants' }).getByRole('button', { name: 'Media caller' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit Media caller' });
      await edit.getByRole('tab', { name: 'Telephony' }).click();
      return edit;
    };
    let edit = await reopen();
    // the agent's password is never shown: the field holds a mask, kept as long as it is left as is
    expect(await edit.getByRole('textbox', { name: 'Agent endpoint' }).inputValue()).toBe('wss://agent-user:****@agent.example/media');
    await engine(edit, 'Audio only');
    expect(await edit.getByRole('group', { name: 'Greeting audio file' }).textContent()).toContain('greeting.wav1.5 s');
    expect(await edit.getByRole('group', { name: 'Voicemail audio file' }).textContent()).toContain('voicemail.wav2.0 s');
    expect(await edit.getByRole('switch', { name: 'Record calls' }).isChecked()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/assistant-media.png` });

    await edit.getByRole('button', { name: 'Remove greeting audio' }).click();
    expect(await edit.getByRole('group', { name: 'Greeting audio file' }).count()).toBe(0);
    await engine(edit, 'Media Streams (your agent)');
    await edit.getByRole('button', { name: 'Save assistant' }).click();
    await dialogsClosed(page);

    edit = await reopen();
    expect(await edit.getByRole('textbox', { name: 'Agent endpoint' }).inputValue()).toBe('wss://agent-user:****@agent.example/media');
    expect(await edit.getByRole('group', { name: 'Voicemail audio file' }).textContent()).toContain('voicemail.wav');
    await engine(edit, 'Audio only');
    expect(await edit.getByRole('group', { name: 'Greeting audio file' }).count()).toBe(0);
    expect(await edit.getByLabel('Greeting audio').count()).toBe(1);
    await edit.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.content()).not.toContain(AGENT_SECRET);
  });

  it('never received the trunk password or the agent endpoint password from main', () => {
    expect(replies.some((text) => text.includes('passwordSet'))).toBe(true);
    expect(replies.filter((text) => text.includes(SECRET))).toEqual([]);
    expect(replies.some((text) => text.includes('agent-user:****@'))).toBe(true);
    expect(replies.filter((text) => text.includes(AGENT_SECRET))).toEqual([]);
  });
});
