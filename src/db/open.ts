/**
 * Opens the storage the configuration describes, taking the data-directory lock first whenever
 * any source is embedded, so no second process can open the same PGlite files.
 */
import type { Config } from '../config/index.js';
import { SOURCE_NAMES } from '../config/index.js';
import { lockDataDir } from './lock.js';
import { type Storage, type StorageOptions, openStorage } from './storage.js';

export function usesEmbedded(config: Pick<Config, 'storage'>): boolean {
  return SOURCE_NAMES.some((s) => config.storage[s].kind === 'pglite');
}

/** Storage plus the lock it holds; `close` releases both. */
export async function openLockedStorage(config: Config, options: StorageOptions = {}): Promise<Storage> {
  const release = usesEmbedded(config) ? await lockDataDir(config.dataDir) : async () => {};
  let storage: Storage;
  try {
    storage = await openStorage(config, options);
  } catch (error) {
    await release();
    throw error;
  }
  return {
    ...storage,
    close: async () => {
      try {
        await storage.close();
      } finally {
        await release();
      }
    },
  };
}
