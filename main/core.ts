import { watchScheduledStarts, type Timers } from './campaigns/scheduledStarts';
import { DEFAULT_TEAM_ID } from './db/migrations/001-crm';
import { openStore, type OpenOptions } from './db/open';
import { createHandlers, type HandlerTable } from './ipc/handlers';
import { createLineLogger, type Logger } from './log';
import { createServices, type Services } from './services';

export interface CoreOptions extends OpenOptions {
  dbFile: string;
  now?: () => number;
  timers?: Timers;
  log?: Logger;
}

/** The app without a window: store, services, handler table. The desktop shell and the headless host both run one. */
export interface Core {
  services: Services;
  handlers: HandlerTable;
  log: Logger;
  /** The team a local user acts for (the desktop app and the headless host UI). */
  localTeam: { teamId: string };
  close(): Promise<void>;
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const store = await openStore(options.dbFile, options);
  const now = options.now ?? Date.now;
  const log = options.log ?? createLineLogger();
  const services = createServices(store, now);
  const starts = watchScheduledStarts(store.db, services.campaigns, services.events, now, options.timers ?? globalThis, (error) =>
    log.error('scheduled start failed', { error: String(error) }),
  );
  return {
    services,
    handlers: createHandlers(services),
    log,
    localTeam: { teamId: DEFAULT_TEAM_ID },
    async close() {
      starts.stop();
      await store.close();
    },
  };
}
