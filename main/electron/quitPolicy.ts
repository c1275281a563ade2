// What closing the window and quitting the app do. Pure decisions; the shell carries them out.

export interface WindowCloseInput {
  /** The close-to-tray setting. */
  closeToTray: boolean;
  /** The one-time close-to-tray notification was already shown. */
  closeToTrayNoticeShown: boolean;
  /** The app is quitting (Quit from the tray or app menu, OS shutdown): the window really closes. */
  quitting: boolean;
}

export interface WindowCloseDecision {
  /** 'hide': keep running in the tray; 'close': let the window close. */
  action: 'hide' | 'close';
  /** Show the one-time notification saying Dialwell keeps dialing in the tray (then record it as shown). */
  showNotice: boolean;
}

export const CLOSE_TO_TRAY_NOTICE = 'Dialwell keeps running in the tray and goes on dialing. Quit it from the tray icon.';

export function onWindowClose(input: WindowCloseInput): WindowCloseDecision {
  if (input.quitting || !input.closeToTray) return { action: 'close', showNotice: false };
  return { action: 'hide', showNotice: !input.closeToTrayNoticeShown };
}

export interface QuitRequestInput {
  callsInProgress: number;
}

export interface QuitDecision {
  /** Ask the user before quitting. */
  confirm: boolean;
  /** The question, when confirm is true. */
  message?: string;
}

export function onQuitRequest(input: QuitRequestInput): QuitDecision {
  const n = Number.isFinite(input.callsInProgress) && input.callsInProgress > 0 ? Math.floor(input.callsInProgress) : 0;
  if (n === 0) return { confirm: false };
  const message =
    n === 1
      ? '1 call is in progress. Quit Dialwell anyway? The call will be ended cleanly: hung up and its outcome recorded.'
      : `${n} calls are in progress. Quit Dialwell anyway? They will be ended cleanly: hung up and their outcomes recorded.`;
  return { confirm: true, message };
}
