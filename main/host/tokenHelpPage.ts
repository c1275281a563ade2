import type { IncomingMessage, ServerResponse } from 'node:http';

/** A browser opening an address (not the page's own calls, which want JSON, nor its event stream). */
export function wantsPage(req: IncomingMessage): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && (req.headers.accept ?? '').includes('text/html');
}

/**
 * What a person sees at an address that no longer lets them in, most often after the host restarted: its token
 * and session last as long as the process. Static text, no script; the only variable part is the port (a number).
 */
function tokenHelpHtml(port: number): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dialwell: open the link the host printed</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1.5rem; color: #1f2430; }
  h1 { font-size: 1.5rem; }
  code { background: #eef0f5; padding: 0.1rem 0.3rem; border-radius: 4px; }
  @media (prefers-color-scheme: dark) { body { background: #1a1b1e; color: #e4e6eb; } code { background: #2c2e33; } }
</style>
</head>
<body>
<main>
<h1>This address needs the link the host printed</h1>
<p>Dialwell's headless host lets in only a browser that opened the link it printed when it started. That link carries an
access token, which this browser traded for a session. The token and the session last only while that run of the host
lasts: the host has been restarted since, or this address is from another run, so they no longer work.</p>
<p><strong>To get back in</strong>, find the line the host printed in the terminal where it runs
(<code>npm run serve</code>), such as <code>http://127.0.0.1:${port}/?token=…</code>, and open it. If you cannot find
it, stop the host and start it again: it prints a new link each time it starts.</p>
<p>Nothing is lost: your campaigns, contacts and settings are kept in the workspace file, not in this browser.</p>
</main>
</body>
</html>
`;
}

export function sendTokenHelpPage(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(401, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(req.method === 'HEAD' ? undefined : tokenHelpHtml(req.socket.localPort ?? 0));
}
