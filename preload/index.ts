// Runs in the sandboxed preload of the desktop window: exposes only the contract's channels and events.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannel, isEventName } from '../shared/contract/channels';
import type { Transport } from '../shared/contract/createApi';
import { INVOKE_CHANNEL, PUSH_CHANNEL } from '../shared/contract/ipcNames';

const transport: Transport = {
  invoke(channel, payload) {
    if (!isChannel(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'not_found', message: `Unknown channel ${String(channel)}` } });
    }
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, payload);
  },
  subscribe(event, listener) {
    if (!isEventName(event)) return () => {};
    const forward = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(PUSH_CHANNEL, forward);
    return () => ipcRenderer.off(PUSH_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('dialwellBridge', transport);
