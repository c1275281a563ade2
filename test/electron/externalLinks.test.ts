import { describe, expect, it } from 'vitest';
import { externalLinkDecision } from '../../main/electron/externalLinks';

describe('externalLinkDecision', () => {
  it('asks before opening a web address, naming its site', () => {
    expect(externalLinkDecision('https://northwind.example/about?x=1')).toEqual({ action: 'ask', url: 'https://northwind.example/about?x=1', host: 'northwind.example' });
    expect(externalLinkDecision('http://example.com:8080/')).toEqual({ action: 'ask', url: 'http://example.com:8080/', host: 'example.com:8080' });
  });

  it('names the real site of a look-alike address (IDN shown as punycode)', () => {
    const decision = externalLinkDecision('https://аpple.com/');
    expect(decision).toMatchObject({ action: 'ask', host: 'xn--pple-43d.com' });
  });

  it('never hands on other schemes: files, shares, scripts, other apps’ protocol handlers', () => {
    for (const url of ['file:///etc/passwd', 'smb://server/share', 'javascript:alert(1)', 'data:text/html,x', 'ms-msdt:/id PCWDiagnostic', 'vscode://file/x', 'mailto:a@b.c', 'ftp://example.com/']) {
      expect(externalLinkDecision(url).action, url).toBe('deny');
    }
  });

  it('never opens links to this computer, whose services a browser session could drive', () => {
    for (const url of ['http://127.0.0.1:7431/api/crm/campaigns', 'http://localhost:4123/?token=x', 'http://[::1]/', 'http://0.0.0.0:80/', 'http://app.localhost/', 'http://127.1.2.3/']) {
      expect(externalLinkDecision(url).action, url).toBe('deny');
    }
  });

  it('never opens links that carry a user name or password', () => {
    expect(externalLinkDecision('https://user:secret@example.com/').action).toBe('deny');
    expect(externalLinkDecision('https://user@example.com/').action).toBe('deny');
  });

  it('refuses garbage without throwing', () => {
    for (const garbage of ['', 'not a url', 'https://', 'http://[bad', '\u0000']) {
      expect(externalLinkDecision(garbage).action, garbage).toBe('deny');
    }
  });
});
