import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { LienThongError } from '../errors/index.js';

/**
 * PGlite has no lock between processes: two processes on one data directory silently corrupt
 * it. Every command that opens the embedded databases takes this lock first (proper-lockfile:
 * an atomic mkdir, refreshed while held, stale after the holder dies).
 */
export type ReleaseLock = () => Promise<void>;

export async function lockDataDir(dataDir: string): Promise<ReleaseLock> {
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, 'lienthong.lock'),
      stale: 15_000,
      update: 5_000,
      retries: 0,
      realpath: false,
      // If the lock is lost (directory removed, clock jump), stop before anything writes.
      onCompromised: (error) => {
        process.stderr.write(`lienthong: lost the lock on ${dataDir} (${error.message}); stopping\n`);
        process.exit(70);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new LienThongError(
        'DATA_DIR_LOCKED',
        `The data directory ${dataDir} is in use by another lienthong process (is the server running?). ` +
          'Stop it first: two processes must never open the same embedded database. ' +
          'A lock left by a crashed process clears itself after 15 seconds.',
        { cause: error },
      );
    }
    throw error;
  }
}
