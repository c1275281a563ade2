import { describe, expect, it } from 'vitest';
import { permissionAllowed } from '../../main/electron/permissions';

const APP_URL = 'file:///opt/Dialwell/resources/app.asar/out/renderer/index.html';

describe('permissionAllowed', () => {
  it('lets the app’s own page write to the clipboard (the Copy key button)', () => {
    expect(permissionAllowed('clipboard-sanitized-write', APP_URL, APP_URL)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', `${APP_URL}#/settings`, APP_URL)).toBe(true);
  });

  it('denies everything else the app does not need, to its own page too', () => {
    const never = ['clipboard-read', 'media', 'display-capture', 'geolocation', 'notifications', 'midi', 'midiSysex', 'hid', 'usb', 'serial', 'fullscreen', 'pointerLock', 'keyboardLock', 'openExternal', 'fileSystem', 'idle-detection', 'storage-access', 'window-management', 'unknown'];
    for (const permission of never) expect(permissionAllowed(permission, APP_URL, APP_URL), permission).toBe(false);
  });

  it('denies even the clipboard to any other page or an unknown requester', () => {
    for (const url of ['https://example.com/', 'file:///tmp/index.html', 'data:text/html,x', undefined, '']) {
      expect(permissionAllowed('clipboard-sanitized-write', url, APP_URL), String(url)).toBe(false);
    }
  });

  it('denies everything before the window has loaded its page', () => {
    expect(permissionAllowed('clipboard-sanitized-write', APP_URL, '')).toBe(false);
  });
});
