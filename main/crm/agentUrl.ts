import { AppError } from '../../shared/errors';

/** What a read shows instead of a credential in an agent URL. */
export const MASK = '****';
/** Query parameters whose value is a credential: tokens, keys, signatures, passwords. */
const SECRET_PARAM = /token|key|secret|pass|auth|sig|cred|jwt|session/i;

/**
 * An agent URL as every read shows it: the password masked (or a user name that stands alone, which is then
 * an API key), and the values of secret-looking query parameters. A URL without credentials reads as typed.
 */
export function maskAgentUrl(stored: string): string {
  if (!URL.canParse(stored)) return stored;
  const url = new URL(stored);
  const params = [...url.searchParams];
  const secretParams = params.some(([name, value]) => value && SECRET_PARAM.test(name));
  if (!url.password && !url.username && !secretParams) return stored;
  if (url.password) url.password = MASK;
  else if (url.username) url.username = MASK;
  if (secretParams) url.search = new URLSearchParams(params.map(([name, value]) => [name, value && SECRET_PARAM.test(name) ? MASK : value])).toString();
  return url.toString();
}

const retype = () =>
  AppError.validation({ agentUrl: `Type the credentials in full: ${MASK} stands for a stored one only at the same address (scheme, host and port)` });

/**
 * The URL to store for one a client sent, which may be a masked URL read earlier, as is or edited: each
 * mask is put back to the stored credential it stands for. A credential never follows the URL to another
 * address (that would hand it to whoever runs it), and a mask with nothing stored behind it is an error.
 */
export function unmaskAgentUrl(sent: string | null, stored: string | null): string | null {
  if (sent === null || !sent.includes(MASK)) return sent;
  if (stored !== null && sent === maskAgentUrl(stored)) return stored;
  const url = new URL(sent);
  const old = stored !== null && URL.canParse(stored) ? new URL(stored) : null;
  if (!old || `${old.protocol}//${old.host}` !== `${url.protocol}//${url.host}`) throw retype();
  const put = (current: string, from: string | null) => {
    if (current !== MASK) return current;
    if (!from) throw retype();
    return from;
  };
  url.username = put(url.username, old.username);
  url.password = put(url.password, old.password);
  const params = [...url.searchParams];
  if (params.some(([, value]) => value === MASK)) url.search = new URLSearchParams(params.map(([name, value]) => [name, put(value, old.searchParams.get(name))])).toString();
  return url.toString();
}
