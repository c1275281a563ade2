/**
 * How the headless host tells its own page from any other: when it trades the printed token for a
 * session cookie it puts a second secret in the address's fragment, which is never sent to any
 * server; the page keeps it in its origin's storage and sends it back in this header with every call.
 * A page on another port gets neither (it is another origin), and a server there that sees the
 * cookie (browsers send a host's cookies to all its ports) still lacks the secret.
 */
export const REQUEST_SECRET_HEADER = 'X-Dialwell-Request';

/** The fragment parameter, `#session=…`, that carries the secret to the page. */
export const SESSION_FRAGMENT_PARAM = 'session';

/** Where the host's page downloads an export: GET with the export request as JSON in `?request=`, and the secret header. */
export const EXPORT_PATH = '/exports';
export const EXPORT_REQUEST_PARAM = 'request';
