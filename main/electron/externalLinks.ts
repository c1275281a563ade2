/**
 * What the window may open in the person's browser. A link the renderer shows can come from data anyone
 * could have typed or imported (a company's website), so nothing is opened without asking: only web
 * addresses are offered at all, and the question names the exact site.
 */
export type ExternalLinkDecision = { action: 'deny'; reason: string } | { action: 'ask'; url: string; host: string };

/** This machine: a link there could drive a local service (the API, a dev server) from the browser's session. */
const LOCAL_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|\[::\])$|\.localhost$/i;

export function externalLinkDecision(raw: string): ExternalLinkDecision {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { action: 'deny', reason: 'not a web address' };
  }
  // file:, smb:, javascript: and the protocol handlers of other apps (ms-msdt:, vscode:, …) are never handed on
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { action: 'deny', reason: `${url.protocol} links are not opened` };
  if (url.username || url.password) return { action: 'deny', reason: 'links with a user name or password are not opened' };
  if (!url.hostname || LOCAL_HOSTS.test(url.hostname)) return { action: 'deny', reason: 'links to this computer are not opened' };
  return { action: 'ask', url: url.href, host: url.host };
}
