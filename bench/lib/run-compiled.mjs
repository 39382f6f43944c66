// `node bench/lib/run-compiled.mjs bench/postgraphile.ts`: runs a bench server compiled the way
// `lienthong` runs the gateway (bin/build-server.mjs), so that no target carries tsx's loader
// (its thread and compiler, 40-55 MiB) while the others do not.
import { pathToFileURL } from 'node:url';
import { builtEntry } from '../../bin/build-server.mjs';

const [entry] = process.argv.splice(2, 1);
if (!entry) throw new TypeError('usage: run-compiled.mjs <entry.ts>');
const compiled = await builtEntry(entry);
if (!compiled) throw new Error('cannot write .cache/server: the bench needs it');
process.setSourceMapsEnabled(true);
await import(pathToFileURL(compiled).href);
