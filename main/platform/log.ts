import { redact } from './logRedaction';

/** The structured logger interface every part of main writes to. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** 'debug' writes phone numbers in full, to follow one call through the log; 'info', the default, masks them. */
export type LogLevel = 'debug' | 'info';

/** DIALWELL_LOG_LEVEL=debug turns on debug logging in either shell. */
export function logLevelFrom(env: NodeJS.ProcessEnv = process.env): LogLevel {
  return env.DIALWELL_LOG_LEVEL?.toLowerCase() === 'debug' ? 'debug' : 'info';
}

/**
 * One JSON line per entry, secrets removed and (below debug) phone numbers masked, to `write`: stderr by
 * default; the shells write to the rotating log file in the data folder (logFile.ts).
 */
export function createLineLogger(write: (line: string) => void = (l) => process.stderr.write(l), level: LogLevel = 'info'): Logger {
  const maskPhones = level !== 'debug';
  const entry = (level: string) => (message: string, fields: Record<string, unknown> = {}) => {
    const own = { time: new Date().toISOString(), level, message };
    // a field of the same name (a SIP "message") does not replace the entry's own
    write(`${JSON.stringify(redact(Object.assign({ ...own }, fields, own), maskPhones))}\n`);
  };
  return { info: entry('info'), warn: entry('warn'), error: entry('error') };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
