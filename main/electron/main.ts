// The Electron main process: one window over the same core the headless host runs.
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { EVENT_NAMES } from '../../shared/contract/channels';
import { INVOKE_CHANNEL, PUSH_CHANNEL } from '../../shared/contract/ipcNames';
import { createApiServer, DEFAULT_API_PORT } from '../api/server';
import { openCore, type Core } from '../core';
import { CONTENT_SECURITY_POLICY } from '../host/static';
import { dispatch } from '../ipc/dispatch';
import { createLineLogger } from '../log';
import { isAppFrame } from './senderCheck';
import { electronNativeBinding } from './nativeBinding';

let core: Core | undefined;
let window: BrowserWindow | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 'Dialwell',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:/.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  void win.loadFile(join(__dirname, '../renderer/index.html'));
  return win;
}

async function start(): Promise<void> {
  const log = createLineLogger();
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, decide) => decide(false));
  session.defaultSession.webRequest.onHeadersReceived((details, reply) => {
    reply({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  core = await openCore({
    dbFile: join(app.getPath('userData'), 'dialwell.db'),
    nativeBinding: electronNativeBinding(app.getAppPath()),
    log,
  });
  const opened = core;
  ipcMain.handle(INVOKE_CHANNEL, (event, channel: unknown, payload: unknown) => {
    if (!window || !isAppFrame(event.senderFrame?.url, window.webContents.mainFrame.url)) {
      return { ok: false, error: { code: 'forbidden', message: 'IPC is accepted only from the Dialwell window' } };
    }
    return dispatch(opened.handlers, channel, payload, opened.localTeam, opened.log);
  });
  for (const name of EVENT_NAMES) {
    opened.services.events.on(name, (payload) => window?.webContents.send(PUSH_CHANNEL, name, payload));
  }
  window = createWindow();
  const api = createApiServer(opened);
  await api.listen(DEFAULT_API_PORT).catch((error: Error) => log.warn('local API not started', { port: DEFAULT_API_PORT, error: error.message }));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  void app.whenReady().then(start);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void core?.close());
}
