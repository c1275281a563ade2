import { analystsFor } from './analysis/analystFor';
import { createAnalysisWorker, type AnalysisWorker } from './analysis/analysisWorker';
import { backupFolderOf } from './backups/backupFiles';
import { createBackupService, type BackupService } from './backups/backupService';
import { scheduleDailyBackups } from './backups/dailyBackups';
import { watchScheduledStarts } from './campaigns/scheduledStarts';
import { DEFAULT_TEAM_ID } from './db/migrations/001-crm';
import { createDialerStore } from './db/dialerStore';
import { openStore, type OpenOptions } from './db/open';
import { realClock, type Clock } from './platform/clock';
import { Dialer } from './dialer/dialer';
import { createProviders } from './telephony/providers';
import type { TelephonyProvider } from './telephony/port';
import { createHandlers, type HandlerTable } from './operations';
import type { ChooseSaveFile } from './exports/saveExport';
import { createLineLogger, type Logger } from './platform/log';
import type { RunningApp } from '../shared/contract/channels';
import { keyFileSealerFor, openDataFolder } from './platform/dataFolder';
import { alsoOpening } from './platform/secrets';
import { createServices, type Services } from './services';
import { onWebhookEvent } from './db/sqlite/webhookOutbox';
import { startWebhookWorker } from './webhooks/worker';
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
  /** How long after a crash the dialer's calls in progress are taken over by another dialer (ms; DEFAULT_LEASE_EXPIRY_MS unless given). */
  leaseExpiryMs?: number;
  /** What the settings channels read and change (in memory unless given). */
  settings?: SettingsStore;
  /** Which shell runs the core and what its command line set, for the UI to show the values in force. */
  shell?: Omit<RunningApp, 'simulatorTimeScale'>;
  /** Back the workspace up every day while the core runs (the desktop app and the headless host). */
  dailyBackups?: boolean;
  /** Where the desktop window saves an export (its save dialog); without it, exports download over HTTP only. */
  chooseSaveFile?: ChooseSaveFile;
}

/** The app without a window: store, services, handler table, dialer. The desktop shell and the headless host both run one. */
export interface Core {
  services: Services;
  handlers: HandlerTable;
  log: Logger;
  clock: Clock;
  dialer: Dialer | null;
  /** Post-call analysis, run apart from the dialer (null when the core does not dial). */
  analysis: AnalysisWorker | null;
  providers: Record<string, TelephonyProvider>;
  /** The team a local user acts for (the desktop app and the headless host UI). */
  localTeam: { teamId: string };
  backups: BackupService;
  close(): Promise<void>;
}

/**
 * Opens the workspace. Reopening (after a backup was restored over its file) fills the same Core object
 * again with the same event bus, so the shells' references and event subscriptions carry on.
 */
export async function openCore(options: CoreOptions, reopening?: Core): Promise<Core> {
  const folder = openDataFolder(options.dbFile);
  // the desktop app passes its keychain sealer; everything else seals with the key file beside the database
  const sealer = options.sealer ? alsoOpening(options.sealer, () => keyFileSealerFor(folder)) : keyFileSealerFor(folder);
  const store = await openStore(options.dbFile, { ...options, sealer });
  const clock = options.clock ?? realClock();
  const log = options.log ?? createLineLogger();
  const settings = options.settings ?? createMemorySettingsStore();
  const services = createServices(store, () => clock.now(), { sealer, folder, settings }, reopening?.services.events);
  const legacyAudio = await services.media.importLegacyPaths();
  if (legacyAudio.imported + legacyAudio.dropped) log.info('audio paths of an older version replaced by uploads', legacyAudio);
  const providers =
    options.providers ??
    createProviders({
      clock,
      services,
      simulatorTimeScale: options.simulatorTimeScale,
      sipAddress: options.sipAddress,
      recordingsDir: folder?.recordings ?? null,
    });
  const starts = watchScheduledStarts(services.campaigns, services.events, clock, (error) =>
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
          leaseExpiryMs: options.leaseExpiryMs,
        });
  await dialer?.start();
  // webhooks are sent by whatever runs the dialer (the desktop app, the headless host), not by one-off tools
  const webhookWorker = options.dial === false ? null : startWebhookWorker({
    store: services.webhooks.store, sealer, clock, log, onEndpointDisabled: (disabled) => services.events.emit('webhooks.endpointDisabled', disabled),
    listen: (queued) => onWebhookEvent(store.sqlite, queued),
  });
  // a campaign's status change writes its event by trigger, out of the outbox's sight: its announcement wakes the worker
  const stopWakingOnCampaigns = webhookWorker && services.events.on('campaigns.changed', webhookWorker.wake);
  const analysis = dialer && createAnalysisWorker({ jobs: services.analysisJobs, clock, events: services.events, log, analystFor: analystsFor(() => services.voiceSettings.connection()) });
  analysis?.start();
  const backups = createBackupService({
    dbFile: options.dbFile,
    sqlite: store.sqlite,
    folder: folder && backupFolderOf(options.dbFile, options.nativeBinding),
    settings,
    clock,
    log,
    closeWorkspace: () => core.close(),
    openWorkspace: async () => void (await openCore({ ...options, settings }, core)),
  });
  const dailyBackups = options.dailyBackups && folder ? scheduleDailyBackups(backups, clock, log) : null;
  const core: Core = Object.assign(reopening ?? ({} as Core), {
    services,
    handlers: createHandlers(services, settings, {
      ...(options.shell ?? { shell: 'headless', apiPort: null, fromCommandLine: [] }),
      simulatorTimeScale: options.simulatorTimeScale ?? 1,
    }, backups, options.chooseSaveFile),
    log,
    clock,
    dialer,
    analysis,
    providers,
    localTeam: { teamId: DEFAULT_TEAM_ID },
    backups,
    async close() {
      dailyBackups?.stop();
      starts.stop();
      await dialer?.shutdown();
      stopWakingOnCampaigns?.();
      await webhookWorker?.stop();
      await analysis?.stop();
      await Promise.all(Object.values(providers).map((p) => p.close()));
      await store.close();
    },
  });
  return core;
}
