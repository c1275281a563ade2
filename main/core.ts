import { dirname, join } from 'node:path';
import { watchScheduledStarts } from './campaigns/scheduledStarts';
import { DEFAULT_TEAM_ID } from './db/migrations/001-crm';
import { createDialerStore } from './db/dialerStore';
import { openStore, type OpenOptions } from './db/open';
import { realClock, type Clock } from './dialer/clock';
import { Dialer } from './dialer/dialer';
import { createProviders } from './dialer/telephony/providers';
import type { TelephonyProvider } from './dialer/telephony/port';
import { createHandlers, type HandlerTable } from './ipc/handlers';
import { createLineLogger, type Logger } from './log';
import { createServices, type Services } from './services';
import { createMemorySettingsStore, type SettingsStore } from './settings/store';

export interface CoreOptions extends OpenOptions {
  dbFile: string;
  /** Real time by default; a VirtualClock for simulations and tests. */
  clock?: Clock;
  log?: Logger;
  /** Telephony providers by name (default: the simulator and SIP trunks). */
  providers?: Record<string, TelephonyProvider>;
  /** The address SIP calls use for signalling and media (default: this machine's first LAN IPv4). */
  sipAddress?: string;
  /** The simulator's speed-up in real time (a demo shows calls flowing in seconds). */
  simulatorTimeScale?: number;
  /** false: no dialing (API-key tools, migrations). */
  dial?: boolean;
  /** The dialer's backup pass (ms); 0 for none (simulations, where every wake-up is an event). */
  safetyTickMs?: number;
  /** What the settings channels read and change (in memory unless given). */
  settings?: SettingsStore;
}

/** The app without a window: store, services, handler table, dialer. The desktop shell and the headless host both run one. */
export interface Core {
  services: Services;
  handlers: HandlerTable;
  log: Logger;
  clock: Clock;
  dialer: Dialer | null;
  providers: Record<string, TelephonyProvider>;
  /** The team a local user acts for (the desktop app and the headless host UI). */
  localTeam: { teamId: string };
  close(): Promise<void>;
}

export async function openCore(options: CoreOptions): Promise<Core> {
  const store = await openStore(options.dbFile, options);
  const clock = options.clock ?? realClock();
  const log = options.log ?? createLineLogger();
  const services = createServices(store, () => clock.now());
  const providers =
    options.providers ??
    createProviders({
      clock,
      services,
      simulatorTimeScale: options.simulatorTimeScale,
      sipAddress: options.sipAddress,
      recordingsDir: options.dbFile === ':memory:' ? null : join(dirname(options.dbFile), 'recordings'),
    });
  const starts = watchScheduledStarts(store.db, services.campaigns, services.events, clock, (error) =>
    log.error('scheduled start failed', { error: String(error) }),
  );
  const dialer =
    options.dial === false ? null : new Dialer({
          store: createDialerStore(store.sqlite),
          clock,
          providers,
          events: services.events,
          log,
          compliance: services.compliance,
          safetyTickMs: options.safetyTickMs,
        });
  await dialer?.start();
  return {
    services,
    handlers: createHandlers(services, options.settings ?? createMemorySettingsStore()),
    log,
    clock,
    dialer,
    providers,
    localTeam: { teamId: DEFAULT_TEAM_ID },
    async close() {
      starts.stop();
      await dialer?.shutdown();
      await Promise.all(Object.values(providers).map((p) => p.close()));
      await store.close();
    },
  };
}
