/**
 * The secret behind `hash` masks. Pseudonyms must stay the same across restarts (an agency keeps
 * its joins) and across replicas, so the secret is configured (PSEUDONYM_SECRET) or, for the
 * embedded default, created once in the data directory beside the dev key.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export const PSEUDONYM_SECRET_PATH = path.join('keys', 'pseudonym-secret');

/** Reads `<dataDir>/keys/pseudonym-secret`, creating it (32 random bytes, mode 0600) on first use. */
export async function ensurePseudonymSecret(dataDir: string): Promise<Uint8Array> {
  const file = path.join(dataDir, PSEUDONYM_SECRET_PATH);
  try {
    return Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64url');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, randomBytes(32).toString('base64url'), { mode: 0o600 });
  // Two processes starting together: link() fails for the second, which then reads the first's.
  try {
    await fs.link(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.rm(temporary, { force: true });
  }
  return Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64url');
}
