/**
 * Creating a key file exactly once, even when two processes start together: the contents go to a
 * temporary file (mode 0600, synced), which is then hard-linked into place. link() fails if the
 * name exists, so an existing key is never replaced; the loser of a race reads the winner's key.
 * The same scheme as the dev signing key (src/auth/identity/dev-key.ts).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `text` to `file` unless `file` already exists; creates its directory (mode 0700).
 * Resolves `true` if this call created the file, `false` if another was there first.
 * @throws the file system's error for anything but "already exists".
 */
export async function createFileOnce(file: string, text: string): Promise<boolean> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    return await publish(temp, file);
  } finally {
    await fs.rm(temp, { force: true });
  }
}

async function publish(temp: string, file: string): Promise<boolean> {
  try {
    await fs.link(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: rename is still atomic for readers, but the last of two
    // racing creators wins; checking first keeps that window small.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
      const exists = await fs.stat(file).then(
        () => true,
        () => false,
      );
      if (exists) return false;
      await fs.rename(temp, file);
      return true;
    }
    throw error;
  }
}

/** The file's text, or null if it does not exist. */
export async function readFileIfPresent(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
