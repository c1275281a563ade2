import { describe, expect, it } from 'vitest';
import { trayModel, type TrayState } from '../../main/electron/trayModel';

const IDLE: TrayState = { runningCampaigns: 0, pausedCampaigns: 0, callsInProgress: 0, windowClosedUntil: null, dialingHeld: false };

function state(changes: Partial<TrayState>): TrayState {
  return { ...IDLE, ...changes };
}

function enabled(s: TrayState): Record<string, boolean> {
  return Object.fromEntries(trayModel(s).menu.map((item) => [item.id, item.enabled]));
}

describe('trayModel status and tooltip', () => {
  it('is idle when nothing runs', () => {
    expect(trayModel(IDLE)).toMatchObject({ status: 'idle', tooltip: 'Dialwell — idle' });
  });

  it('is dialing with the number of calls in progress', () => {
    expect(trayModel(state({ runningCampaigns: 2, callsInProgress: 3 }))).toMatchObject({ status: 'dialing', tooltip: 'Dialwell — dialing 3 calls' });
    expect(trayModel(state({ runningCampaigns: 1, callsInProgress: 1 })).tooltip).toBe('Dialwell — dialing 1 call');
  });

  it('is dialing while a campaign runs between calls', () => {
    expect(trayModel(state({ runningCampaigns: 1 }))).toMatchObject({ status: 'dialing', tooltip: 'Dialwell — dialing' });
  });

  it('is paused when only paused campaigns remain', () => {
    expect(trayModel(state({ pausedCampaigns: 2 }))).toMatchObject({ status: 'paused', tooltip: 'Dialwell — paused' });
  });

  it('is paused while dialing is held, and says which calls are still finishing', () => {
    expect(trayModel(state({ runningCampaigns: 1, dialingHeld: true }))).toMatchObject({ status: 'paused', tooltip: 'Dialwell — paused' });
    expect(trayModel(state({ runningCampaigns: 1, callsInProgress: 2, dialingHeld: true }))).toMatchObject({
      status: 'paused',
      tooltip: 'Dialwell — paused, finishing 2 calls',
    });
  });

  it('shows when the calling window reopens', () => {
    expect(trayModel(state({ runningCampaigns: 1, windowClosedUntil: '09:00' }))).toMatchObject({
      status: 'window_closed',
      tooltip: 'Dialwell — window closed until 09:00',
    });
  });

  it('prefers the calls in progress over a closed window (calls placed before it closed are still live)', () => {
    expect(trayModel(state({ runningCampaigns: 1, callsInProgress: 2, windowClosedUntil: '09:00' }))).toMatchObject({
      status: 'dialing',
      tooltip: 'Dialwell — dialing 2 calls',
    });
  });

  it('ignores a closed window when no campaign runs', () => {
    expect(trayModel(state({ windowClosedUntil: '09:00' })).status).toBe('idle');
    expect(trayModel(state({ pausedCampaigns: 1, windowClosedUntil: '09:00' })).status).toBe('paused');
  });

  it('treats nonsensical counts as zero', () => {
    expect(trayModel(state({ runningCampaigns: Number.NaN, callsInProgress: -3 }))).toMatchObject({ status: 'idle', tooltip: 'Dialwell — idle' });
    expect(enabled(state({ runningCampaigns: -1, pausedCampaigns: Number.NaN }))).toMatchObject({ pause_all: false, resume: false });
  });
});

describe('trayModel menu', () => {
  it('lists Open Dialwell, Pause all campaigns, Resume and Quit, in that order', () => {
    expect(trayModel(IDLE).menu.map((item) => [item.id, item.label])).toEqual([
      ['open', 'Open Dialwell'],
      ['pause_all', 'Pause all campaigns'],
      ['resume', 'Resume'],
      ['quit', 'Quit'],
    ]);
  });

  it('keeps Open and Quit always enabled', () => {
    for (const s of [IDLE, state({ runningCampaigns: 3, callsInProgress: 5 }), state({ pausedCampaigns: 1, dialingHeld: true })]) {
      expect(enabled(s)).toMatchObject({ open: true, quit: true });
    }
  });

  it('enables Pause all only when something runs', () => {
    expect(enabled(IDLE).pause_all).toBe(false);
    expect(enabled(state({ pausedCampaigns: 2 })).pause_all).toBe(false);
    expect(enabled(state({ runningCampaigns: 1 })).pause_all).toBe(true);
    expect(enabled(state({ runningCampaigns: 1, windowClosedUntil: '18:30' })).pause_all).toBe(true);
  });

  it('enables Resume only when something is paused or dialing is held', () => {
    expect(enabled(IDLE).resume).toBe(false);
    expect(enabled(state({ runningCampaigns: 2, callsInProgress: 2 })).resume).toBe(false);
    expect(enabled(state({ pausedCampaigns: 1 })).resume).toBe(true);
    expect(enabled(state({ runningCampaigns: 1, dialingHeld: true })).resume).toBe(true);
  });

  it('enables both when some campaigns run and others are paused', () => {
    expect(enabled(state({ runningCampaigns: 1, pausedCampaigns: 1 }))).toEqual({ open: true, pause_all: true, resume: true, quit: true });
  });
});
