import { create } from 'zustand';
import type { RequestOf, ResponseOf, RunningApp } from '../../../shared/contract/channels';
import { api } from '../api/api';
import { showError } from '../common/errors';

export type AppSettings = ResponseOf<'settings.get'>;

interface SettingsState {
  settings: AppSettings | null;
  /** What this run of the app uses, as main reports it: a host's command line or a port saved since the start may differ. */
  running: RunningApp | null;
  load(): Promise<void>;
  /** Saves a patch; throws what main refused (field errors for a form), else keeps the saved settings. */
  update(patch: RequestOf<'settings.update'>): Promise<AppSettings>;
}

/** The app's settings as main keeps them (theme, API port, telephony defaults). */
export const useAppSettings = create<SettingsState>((set, get) => ({
  settings: null,
  running: null,
  async load() {
    try {
      const [settings, info] = await Promise.all([api.invoke('settings.get', {}), api.invoke('app.info', {})]);
      set({ settings, running: info.running });
    } catch (error) {
      showError(error);
    }
  },
  async update(patch) {
    const settings = await api.invoke('settings.update', patch);
    set({ settings });
    return settings;
  },
}));
