import { create } from 'zustand';
import type { RequestOf, ResponseOf } from '../../../shared/contract/channels';
import { api } from '../api/api';
import { showError } from '../common/errors';

export type AppSettings = ResponseOf<'settings.get'>;

interface SettingsState {
  settings: AppSettings | null;
  /** The settings as first loaded: what this run of the app started with (a new API port applies on the next start). */
  startedWith: AppSettings | null;
  load(): Promise<void>;
  /** Saves a patch; throws what main refused (field errors for a form), else keeps the saved settings. */
  update(patch: RequestOf<'settings.update'>): Promise<AppSettings>;
}

/** The app's settings as main keeps them (theme, API port, telephony defaults). */
export const useAppSettings = create<SettingsState>((set, get) => ({
  settings: null,
  startedWith: null,
  async load() {
    try {
      const settings = await api.invoke('settings.get', {});
      set({ settings, startedWith: get().startedWith ?? settings });
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
