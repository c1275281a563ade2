import { DEFAULT_TEAM_ID } from './db/migrations/001-crm';
import { openStore, type OpenOptions } from './db/open';
import { createHandlers, type HandlerTable } from './ipc/handlers';
import { createLineLogger, type Logger } from './log';
import { createServices, type Services } from './services';

export interface CoreOptions extends OpenOptions {
  dbFile: string;
  now?: () => number;
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
  const services = createServices(store, options.now);
  return {
    services,
    handlers: createHandlers(services),
    log: options.log ?? createLineLogger(),
    localTeam: { teamId: DEFAULT_TEAM_ID },
    close: () => store.close(),
  };
}
