import { createHmac, randomBytes } from 'node:crypto';
import type { RunningApp } from '../../shared/contract/channels';
import { sameSecret } from '../platform/http/access';

/** How long a recording's address plays: the detail view asks for a new one whenever it opens. */
export const RECORDING_LINK_MS = 60 * 60_000;

/** A recording's path: the same on the headless host's origin and under the desktop window's own scheme. */
const RECORDING_PATH = /^\/recordings\/([a-z]+_[0-9a-z]+)\.wav$/;

/** The scheme the desktop window loads recordings from (it has no HTTP origin of its own). */
export const RECORDING_SCHEME = 'dialwell';

const ORIGIN: Record<RunningApp['shell'], string> = { headless: '', desktop: `${RECORDING_SCHEME}://app` };

/**
 * Signed, short-lived addresses of call recordings, for an <audio> element: it can send neither the host's
 * session header nor an API key, only a URL (and, on the host, the cookie). A link is minted only through the
 * handler table, after the call's team was checked, and names that one call until it expires; the key lives
 * in memory, so links die with the process.
 */
export function createRecordingLinks(now: () => number, key: Buffer = randomBytes(32)) {
  const sign = (callId: string, expires: number) => createHmac('sha256', key).update(`${callId}\n${expires}`).digest('base64url');
  return {
    link(shell: RunningApp['shell'], callId: string): string {
      const expires = now() + RECORDING_LINK_MS;
      return `${ORIGIN[shell]}/recordings/${callId}.wav?expires=${expires}&signature=${sign(callId, expires)}`;
    },

    /** The call a link's path and query name, when it was signed here and has not expired; else null. */
    callOf(pathname: string, query: URLSearchParams): string | null {
      const callId = RECORDING_PATH.exec(pathname)?.[1];
      const expires = Number(query.get('expires'));
      if (!callId || !Number.isSafeInteger(expires) || expires < now()) return null;
      return sameSecret(query.get('signature') ?? undefined, sign(callId, expires)) ? callId : null;
    },

    /** Whether a path is a recording's, signed or not (so a bad link is refused rather than served as a page). */
    isRecordingPath: (pathname: string) => RECORDING_PATH.test(pathname),
  };
}

export type RecordingLinks = ReturnType<typeof createRecordingLinks>;
