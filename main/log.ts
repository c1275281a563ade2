/** The structured logger interface every part of main writes to. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** One JSON line per entry on stderr (the headless host; the desktop app writes the same lines to a file). */
export function createLineLogger(write: (line: string) => void = (l) => process.stderr.write(l)): Logger {
  const entry = (level: string) => (message: string, fields: Record<string, unknown> = {}) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
  return { info: entry('info'), warn: entry('warn'), error: entry('error') };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
