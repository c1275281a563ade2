// The Electron main process: the window, the tray and the settings over the same core the headless
// host runs. Every decision lives in a pure, tested module (trayModel, quitPolicy, settings); this file
// only carries them out.
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, session, shell, Tray } from 'electron';
import { join } from 'node:path';
import { EVENT_NAMES } from '../../shared/contract/channels';
import { endpointDisabledTitle } from '../../shared/webhooks/types';
import { INVOKE_CHANNEL, PUSH_CHANNEL } from '../../shared/contract/ipcNames';
import { createApiServer } from '../api/server';
import { openCore, type Core } from '../core';
import { CONTENT_SECURITY_POLICY } from '../host/static';
import { dispatch } from '../ipc/dispatch';
import { workspaceLogger } from '../platform/logFile';
import { externalLinkDecision } from './externalLinks';
import { ensurePrivateFolder } from '../platform/privateFiles';
import { electronNativeBinding } from './nativeBinding';
import { permissionAllowed } from './permissions';
import { registerRecordingScheme, serveRecordings } from './recordingProtocol';
import { CLOSE_TO_TRAY_NOTICE, onQuitRequest, onWindowClose } from './quitPolicy';
import { safeStorageSealer } from './safeStorageSealer';
import { isAppFrame } from './senderCheck';
import { createElectronSettingsStore } from './settings/electronSettingsStore';
import type { SettingsStore } from '../settings/store';
import { trayModel, type TrayMenuId } from './trayModel';

let core: Core | undefined;
let window: BrowserWindow | undefined;
let tray: Tray | undefined;
let settings: SettingsStore | undefined;
let quitting = false;
/** Campaigns the tray paused, so its Resume resumes those and not ones paused on purpose. */
let pausedByTray: string[] = [];

const startHidden = process.argv.includes('--hidden');
registerRecordingScheme();

function showWindow(): void {
  if (!window || window.isDestroyed()) window = createWindow();
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function createWindow(): BrowserWindow {
  const bounds = settings!.get().windowBounds;
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 960,
    minHeight: 600,
    title: 'Dialwell',
    icon: join(app.getAppPath(), 'resources/icon.png'),
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.once('ready-to-show', () => {
    if (!startHidden || quitting) win.show();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    const decision = externalLinkDecision(url);
    if (decision.action === 'ask') void openExternalIfConfirmed(win, decision.url, decision.host);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.on('close', (event) => {
    settings!.set({ windowBounds: win.getBounds() });
    const current = settings!.get();
    const decision = onWindowClose({ closeToTray: current.closeToTray, closeToTrayNoticeShown: current.closeToTrayNoticeShown, quitting });
    if (decision.action === 'hide') {
      event.preventDefault();
      win.hide();
    }
    if (decision.showNotice) {
      new Notification({ title: 'Dialwell', body: CLOSE_TO_TRAY_NOTICE }).show();
      settings!.set({ closeToTrayNoticeShown: true });
    }
  });
  void win.loadFile(join(__dirname, '../renderer/index.html'));
  return win;
}

/** The person sees the exact site before a link leaves the app for their browser. */
async function openExternalIfConfirmed(win: BrowserWindow, url: string, host: string): Promise<void> {
  const { response } = await dialog.showMessageBox(win, { type: 'question', buttons: ['Open in browser', 'Cancel'], defaultId: 1, cancelId: 1, message: `Open ${host} in your browser?`, detail: url });
  if (response === 0) await shell.openExternal(url);
}

async function refreshTray(): Promise<void> {
  if (!tray || !core) return;
  const counts = await core.services.campaigns.countByStatus(core.localTeam);
  const wake = core.dialer?.nextWakeAt ?? null;
  const model = trayModel({
    runningCampaigns: counts.running,
    pausedCampaigns: counts.paused,
    callsInProgress: core.dialer?.callsInProgress ?? 0,
    windowClosedUntil: counts.running && !core.dialer?.callsInProgress && wake ? new Date(wake).toTimeString().slice(0, 5) : null,
    dialingHeld: false,
  });
  const actions: Record<TrayMenuId, () => void> = {
    open: showWindow,
    pause_all: () => void core!.services.campaigns.pauseAll(core!.localTeam).then((ids) => (pausedByTray = ids)),
    resume: () => {
      for (const id of pausedByTray) void core!.services.campaigns.run(core!.localTeam, id, 'resume').catch(() => {});
      pausedByTray = [];
    },
    quit: () => void requestQuit(),
  };
  tray.setToolTip(model.tooltip);
  tray.setContextMenu(Menu.buildFromTemplate(model.menu.map((item) => ({ label: item.label, enabled: item.enabled, click: actions[item.id] }))));
}

async function requestQuit(): Promise<void> {
  const decision = onQuitRequest({ callsInProgress: core?.dialer?.callsInProgress ?? 0 });
  if (decision.confirm) {
    const { response } = await dialog.showMessageBox({ type: 'question', buttons: ['Quit', 'Keep dialing'], defaultId: 1, cancelId: 1, message: decision.message! });
    if (response !== 0) return;
  }
  quitting = true;
  // hangs up calls in progress and records how they ended before the store closes
  await core?.close();
  core = undefined;
  app.quit();
}

/** Campaign started / completed / paused-by-failures notifications, from the lifecycle events. */
function notifyLifecycle(opened: Core): void {
  const last = new Map<string, string>();
  opened.services.events.on('campaigns.changed', ({ campaignId }) => {
    void opened.services.campaigns.get(opened.localTeam, campaignId).then((campaign) => {
      const before = last.get(campaignId);
      last.set(campaignId, campaign.status);
      if (before === campaign.status) return;
      if (campaign.status === 'running' && before !== 'paused') new Notification({ title: 'Campaign started', body: campaign.name }).show();
      if (campaign.status === 'completed') new Notification({ title: 'Campaign completed', body: campaign.name }).show();
    }, () => {});
  });
  opened.services.events.on('webhooks.endpointDisabled', (disabled) => new Notification({ title: endpointDisabledTitle(disabled), body: disabled.reason }).show());
  opened.services.events.on('campaigns.autoPaused', ({ campaignId, reason }) => {
    void opened.services.campaigns.get(opened.localTeam, campaignId).then((campaign) => {
      new Notification({ title: `Campaign paused: ${campaign.name}`, body: reason }).show();
    }, () => {});
  });
}

async function start(): Promise<void> {
  const dbFile = join(app.getPath('userData'), 'dialwell.db');
  // the app's own folder (database, settings, recordings, media): this user's only
  ensurePrivateFolder(app.getPath('userData'));
  // logs/dialwell.log in the data folder
  const log = workspaceLogger(dbFile);
  settings = createElectronSettingsStore();
  const current = settings.get();
  app.setLoginItemSettings({ openAtLogin: current.startAtLogin, openAsHidden: true, args: ['--hidden'] });
  settings.onChange((next) => app.setLoginItemSettings({ openAtLogin: next.startAtLogin, openAsHidden: true, args: ['--hidden'] }));

  const appUrl = () => (window && !window.isDestroyed() ? window.webContents.mainFrame.url : '');
  session.defaultSession.setPermissionCheckHandler((_wc, permission, _origin, details) => permissionAllowed(permission, details.requestingUrl, appUrl()));
  session.defaultSession.setPermissionRequestHandler((_wc, permission, decide, details) => decide(permissionAllowed(permission, details.requestingUrl, appUrl())));
  session.defaultSession.webRequest.onHeadersReceived((details, reply) => {
    reply({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  core = await openCore({
    dbFile,
    nativeBinding: electronNativeBinding(app.getAppPath()),
    simulatorTimeScale: current.telephony.simulatorTimeScale,
    leaseExpiryMs: current.dialer.leaseExpirySeconds * 1000,
    log,
    settings,
    shell: { shell: 'desktop', apiPort: current.apiPort, fromCommandLine: [] },
    dailyBackups: true,
    // the OS keychain where it has one; else the key file beside the database, as the headless host does
    sealer: safeStorageSealer() ?? undefined,
    chooseSaveFile: async (suggestedName) => {
      const options = { defaultPath: join(app.getPath('downloads'), suggestedName) };
      const { canceled, filePath } = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return canceled || !filePath ? null : filePath;
    },
  });
  const opened = core;
  serveRecordings(() => core);
  ipcMain.handle(INVOKE_CHANNEL, (event, channel: unknown, payload: unknown) => {
    if (!window || !isAppFrame(event.senderFrame?.url, window.webContents.mainFrame.url)) {
      return { ok: false, error: { code: 'forbidden', message: 'IPC is accepted only from the Dialwell window' } };
    }
    return dispatch(opened.handlers, channel, payload, opened.localTeam, opened.log);
  });
  for (const name of EVENT_NAMES) {
    opened.services.events.on(name, (payload) => {
      if (window && !window.isDestroyed()) window.webContents.send(PUSH_CHANNEL, name, payload);
    });
  }
  notifyLifecycle(opened);

  tray = new Tray(join(app.isPackaged ? process.resourcesPath : join(app.getAppPath(), 'resources'), 'tray.png'));
  tray.on('click', showWindow);
  for (const name of ['campaigns.changed', 'calls.changed'] as const) opened.services.events.on(name, () => void refreshTray());
  await refreshTray();

  window = createWindow();
  const api = createApiServer(opened);
  await api.listen(current.apiPort).catch((error: Error) => log.warn('local API not started', { port: current.apiPort, error: error.message }));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // a second launch (also from a desktop whose tray icons are hidden) brings the window back
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  void app.whenReady().then(start);
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    void requestQuit();
  });
  // with close-to-tray the app lives on without windows; otherwise closing the last one quits
  app.on('window-all-closed', () => {
    if (!settings?.get().closeToTray) void requestQuit();
  });
}
