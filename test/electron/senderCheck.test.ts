import { describe, expect, it } from 'vitest';
import { isAppFrame } from '../../main/electron/senderCheck';

const APP_URL = 'file:///opt/Dialwell/resources/app.asar/out/renderer/index.html';
const WINDOWS_APP_URL = 'file:///C:/Program%20Files/Dialwell/resources/app.asar/out/renderer/index.html';

describe('isAppFrame', () => {
  it("accepts the app's own file:// page", () => {
    expect(isAppFrame(APP_URL, APP_URL)).toBe(true);
    expect(isAppFrame(WINDOWS_APP_URL, WINDOWS_APP_URL)).toBe(true);
  });

  it('accepts the own page with a hash route or query (the renderer navigates in-page)', () => {
    expect(isAppFrame(`${APP_URL}#/campaigns/42`, APP_URL)).toBe(true);
    expect(isAppFrame(`${APP_URL}?tab=contacts`, APP_URL)).toBe(true);
  });

  it('refuses http and https pages, even with the same path', () => {
    expect(isAppFrame('https://example.com/', APP_URL)).toBe(false);
    expect(isAppFrame('http://localhost:5173/', APP_URL)).toBe(false);
    expect(isAppFrame('http://127.0.0.1/opt/Dialwell/resources/app.asar/out/renderer/index.html', APP_URL)).toBe(false);
    expect(isAppFrame('https://evil.test/opt/Dialwell/resources/app.asar/out/renderer/index.html', APP_URL)).toBe(false);
  });

  it('refuses other file:// pages', () => {
    expect(isAppFrame('file:///tmp/index.html', APP_URL)).toBe(false);
    expect(isAppFrame('file:///opt/Dialwell/resources/app.asar/out/renderer/other.html', APP_URL)).toBe(false);
    expect(isAppFrame('file:///home/user/Downloads/index.html', APP_URL)).toBe(false);
    expect(isAppFrame('file:///opt/Dialwell/resources/app.asar/out/renderer/', APP_URL)).toBe(false);
  });

  it('refuses the same path on another host (a file share)', () => {
    expect(isAppFrame('file://evil.host/opt/Dialwell/resources/app.asar/out/renderer/index.html', APP_URL)).toBe(false);
  });

  it('refuses other schemes that could host a page', () => {
    expect(isAppFrame('data:text/html,<script>alert(1)</script>', APP_URL)).toBe(false);
    expect(isAppFrame('about:blank', APP_URL)).toBe(false);
    expect(isAppFrame('javascript:alert(1)', APP_URL)).toBe(false);
    expect(isAppFrame('devtools://devtools/bundled/index.html', APP_URL)).toBe(false);
  });

  it('refuses a missing sender URL (no frame, a frame already gone)', () => {
    expect(isAppFrame(undefined, APP_URL)).toBe(false);
    expect(isAppFrame('', APP_URL)).toBe(false);
  });

  it('refuses garbage without throwing', () => {
    for (const garbage of ['not a url', '::::', 'file', '/opt/Dialwell/resources/app.asar/out/renderer/index.html', '\u0000', 'http://[bad']) {
      expect(() => isAppFrame(garbage, APP_URL)).not.toThrow();
      expect(isAppFrame(garbage, APP_URL)).toBe(false);
    }
  });

  it('refuses everything when the app URL itself is unusable (window not loaded yet)', () => {
    expect(isAppFrame(APP_URL, '')).toBe(false);
    expect(isAppFrame(APP_URL, 'not a url')).toBe(false);
  });
});
