// The desktop app's sealer: Electron safeStorage, whose key the OS keychain keeps (Keychain, DPAPI,
// libsecret/kwallet). Null where that key would only be a fixed string (Linux without a keyring), so the
// app falls back to the key file beside the database instead of calling plain text sealed.
import { safeStorage } from 'electron';
import { taggedSealer, type SecretSealer } from '../platform/secrets';

export function safeStorageSealer(): SecretSealer | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return taggedSealer('safe-storage', (plain) => safeStorage.encryptString(plain), (bytes) => safeStorage.decryptString(bytes));
}
