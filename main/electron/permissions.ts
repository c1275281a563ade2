import { isAppFrame } from './senderCheck';

/**
 * The web permissions the window needs: writing to the clipboard (the "Copy key" buttons). Notifications
 * come from the main process, not the page; the camera, microphone, location, USB, HID, serial, MIDI,
 * screen capture and the rest are never granted, and nothing at all to a page that is not the app's own.
 */
const NEEDED = new Set(['clipboard-sanitized-write']);

/** One answer for Electron's permission check and permission request handlers. */
export function permissionAllowed(permission: string, requestingUrl: string | undefined, appUrl: string): boolean {
  return NEEDED.has(permission) && isAppFrame(requestingUrl, appUrl);
}
