import { describe, expect, it } from 'vitest';
import { onQuitRequest, onWindowClose } from '../../main/electron/quitPolicy';

describe('onWindowClose', () => {
  it('hides to the tray and shows the one-time notice the first time', () => {
    expect(onWindowClose({ closeToTray: true, closeToTrayNoticeShown: false, quitting: false })).toEqual({ action: 'hide', showNotice: true });
  });

  it('hides to the tray without the notice once it was shown', () => {
    expect(onWindowClose({ closeToTray: true, closeToTrayNoticeShown: true, quitting: false })).toEqual({ action: 'hide', showNotice: false });
  });

  it('closes the window when close-to-tray is off', () => {
    expect(onWindowClose({ closeToTray: false, closeToTrayNoticeShown: false, quitting: false })).toEqual({ action: 'close', showNotice: false });
    expect(onWindowClose({ closeToTray: false, closeToTrayNoticeShown: true, quitting: false })).toEqual({ action: 'close', showNotice: false });
  });

  it('always closes, without a notice, while the app is quitting', () => {
    for (const closeToTray of [true, false]) {
      for (const closeToTrayNoticeShown of [true, false]) {
        expect(onWindowClose({ closeToTray, closeToTrayNoticeShown, quitting: true })).toEqual({ action: 'close', showNotice: false });
      }
    }
  });
});

describe('onQuitRequest', () => {
  it('quits without asking when no call is in progress', () => {
    expect(onQuitRequest({ callsInProgress: 0 })).toEqual({ confirm: false });
  });

  it('asks when one call is in progress, in the singular', () => {
    const decision = onQuitRequest({ callsInProgress: 1 });
    expect(decision.confirm).toBe(true);
    expect(decision.message).toMatch(/^1 call is in progress\./);
    expect(decision.message).toMatch(/ended cleanly/);
    expect(decision.message).not.toMatch(/calls/);
  });

  it('asks when several calls are in progress, saying how many and that they end cleanly', () => {
    const decision = onQuitRequest({ callsInProgress: 3 });
    expect(decision.confirm).toBe(true);
    expect(decision.message).toMatch(/^3 calls are in progress\./);
    expect(decision.message).toMatch(/They will be ended cleanly/);
  });

  it('does not ask for a nonsensical count', () => {
    expect(onQuitRequest({ callsInProgress: -2 })).toEqual({ confirm: false });
    expect(onQuitRequest({ callsInProgress: Number.NaN })).toEqual({ confirm: false });
  });
});
