// Hashing a directory's files for a build's fingerprint (bin/build-web.mjs, bin/build-server.mjs):
// each file's path relative to the project and its content, in a stable order, so a build is
// redone exactly when a file it reads changes.
import fs from 'node:fs';
import path from 'node:path';

/**
 * Adds every file under `dir` to `hash` (path relative to `root`, NUL, content, NUL), walking
 * entries in name order; `skip(entry)` leaves out a file or a whole directory.
 */
export function hashTree(hash, root, dir, skip = () => false) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (skip(entry)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, root, full, skip);
    else hash.update(`${path.relative(root, full)}\0`).update(fs.readFileSync(full)).update('\0');
  }
}
