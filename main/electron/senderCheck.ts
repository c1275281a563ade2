/** IPC is answered only for the app's own top frame (a file:// page of the bundled renderer). */
export function isAppFrame(senderUrl: string | undefined, appUrl: string): boolean {
  if (!senderUrl) return false;
  try {
    const sender = new URL(senderUrl);
    const app = new URL(appUrl);
    return sender.protocol === 'file:' && sender.host === app.host && sender.pathname === app.pathname;
  } catch {
    return false;
  }
}
