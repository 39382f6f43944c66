// The project's root directory: the nearest one above this module whose package.json is
// Liên Thông's. Paths to the project's own files (the default policy, migrations, the pages) are
// taken from here, not relative to the module that needs them: `lienthong` runs a compiled copy
// of the sources from .cache/server (bin/build-server.mjs), where those relative paths
// would point elsewhere.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = 'lienthong';

function find(from) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      if (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name === NAME) return dir;
    } catch {
      // No package.json here, or not JSON: keep looking above.
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json named ${NAME} above ${from}`);
  }
}

export const PROJECT_ROOT = find(path.dirname(fileURLToPath(import.meta.url)));
