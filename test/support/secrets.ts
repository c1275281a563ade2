import { dirname, join } from 'node:path';
import type { Core } from '../../main/core';
import { KEY_FILE } from '../../main/platform/dataFolder';
import { keyFileSealer } from '../../main/platform/secrets';

/** A secret as a test core stores it, opened with the key file beside its database; throws when it is not sealed. */
export function openStored(core: Core, sealed: string): string {
  return keyFileSealer(join(dirname(core.services.store.file), KEY_FILE)).open(sealed);
}
