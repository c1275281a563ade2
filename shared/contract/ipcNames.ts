/** The two Electron IPC channels the typed contract travels on. */
export const INVOKE_CHANNEL = 'dialwell:invoke';
export const PUSH_CHANNEL = 'dialwell:push';
