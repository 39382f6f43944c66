import type { Config } from '../config/index.js';
import { migrateAll, openLockedStorage } from '../db/index.js';

export async function migrateCommand(config: Config): Promise<void> {
  const storage = await openLockedStorage(config);
  try {
    const started = performance.now();
    await migrateAll(storage);
    for (const [source, where] of Object.entries(storage.describe())) process.stdout.write(`migrated ${source.padEnd(10)} ${where}\n`);
    process.stdout.write(`done in ${Math.round(performance.now() - started)} ms\n`);
  } finally {
    await storage.close();
  }
}
