// The tray icon's tooltip, status and menu, derived from app state. Pure: the shell only renders it.

export interface TrayState {
  runningCampaigns: number;
  pausedCampaigns: number;
  /** Calls this app's dialer has in progress right now. */
  callsInProgress: number;
  /**
   * Local HH:MM at which calling resumes, when every running campaign is outside its calling window;
   * null when some running campaign may call now (or none runs).
   */
  windowClosedUntil: string | null;
  /** Dialing is held app-wide (no new calls are placed); calls already in progress finish. */
  dialingHeld: boolean;
}

export type TrayStatus = 'idle' | 'dialing' | 'paused' | 'window_closed';
export type TrayMenuId = 'open' | 'pause_all' | 'resume' | 'quit';

export interface TrayMenuItem {
  id: TrayMenuId;
  label: string;
  enabled: boolean;
}

export interface TrayModel {
  tooltip: string;
  status: TrayStatus;
  menu: TrayMenuItem[];
}

const APP = 'Dialwell';

/** A count as a non-negative integer: a bad input must not render "dialing NaN calls". */
function count(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

function calls(n: number): string {
  return `${n} ${n === 1 ? 'call' : 'calls'}`;
}

function describe(state: TrayState): { status: TrayStatus; detail: string } {
  const running = count(state.runningCampaigns);
  const paused = count(state.pausedCampaigns);
  const live = count(state.callsInProgress);
  if (state.dialingHeld) return { status: 'paused', detail: live > 0 ? `paused, finishing ${calls(live)}` : 'paused' };
  if (live > 0) return { status: 'dialing', detail: `dialing ${calls(live)}` };
  if (running > 0 && state.windowClosedUntil) return { status: 'window_closed', detail: `window closed until ${state.windowClosedUntil}` };
  if (running > 0) return { status: 'dialing', detail: 'dialing' };
  if (paused > 0) return { status: 'paused', detail: 'paused' };
  return { status: 'idle', detail: 'idle' };
}

export function trayModel(state: TrayState): TrayModel {
  const { status, detail } = describe(state);
  return {
    tooltip: `${APP} — ${detail}`,
    status,
    menu: [
      { id: 'open', label: 'Open Dialwell', enabled: true },
      { id: 'pause_all', label: 'Pause all campaigns', enabled: count(state.runningCampaigns) > 0 },
      { id: 'resume', label: 'Resume', enabled: count(state.pausedCampaigns) > 0 || state.dialingHeld },
      { id: 'quit', label: 'Quit', enabled: true },
    ],
  };
}
