// Settings in the desktop app: electron-store's JSON file in the user-data folder, behind the same
// SettingsStore interface the tests use in memory.
import ElectronStore from 'electron-store';
import { PRIVATE_FILE_MODE } from '../../platform/privateFiles';
import { createSettingsStore, type SettingsStore } from '../../settings/store';

export function createElectronSettingsStore(): SettingsStore {
  const file = new ElectronStore<Record<string, unknown>>({ name: 'settings', configFileMode: PRIVATE_FILE_MODE });
  return createSettingsStore({
    read: () => file.store,
    write: (settings) => {
      file.store = settings as unknown as Record<string, unknown>;
    },
  });
}
