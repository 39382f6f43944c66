#!/usr/bin/env node
// Builds the gateway's pages (web/) into web/dist with esbuild: one HTML file per page and
// content-hashed assets, so the gateway serves everything itself and nothing is fetched from a
// CDN (government networks are often closed). Runs at install (`prepare`), and `lienthong
// start|serve` and the tests call `ensureWebBuilt()`, which rebuilds only when the sources'
// fingerprint differs from the one recorded in web/dist/manifest.json.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashTree } from './fingerprint.mjs';
import { PROJECT_ROOT } from './project-root.mjs';

// Not relative to this module: the gateway runs a compiled copy of it (see project-root.mjs).
const ROOT = PROJECT_ROOT;
const WEB = path.join(ROOT, 'web');
export const DIST = path.join(WEB, 'dist');

/** The pages: their entry and title. `html` is the file the gateway serves at `/<name>`. */
export const PAGES = {
  graphiql: { entry: 'web/graphiql/main.tsx', title: 'Liên Thông · GraphiQL' },
  counter: { entry: 'web/counter/main.tsx', title: 'Liên Thông · Tra cứu kết quả tại quầy một cửa' },
  dashboard: { entry: 'web/dashboard/main.tsx', title: 'Liên Thông · Tiến độ số hóa' },
  citizen: { entry: 'web/citizen/main.tsx', title: 'Liên Thông · Ai đã truy cập dữ liệu của tôi' },
};

/** Everything the output depends on: the page sources, this script and the locked versions. */
function fingerprint() {
  const hash = createHash('sha256');
  hashTree(hash, ROOT, WEB, (entry) => entry.name === 'dist' || entry.name.startsWith('.dist-'));
  hash.update(fs.readFileSync(path.join(ROOT, 'bin', 'build-web.mjs')));
  const lock = path.join(ROOT, 'package-lock.json');
  if (fs.existsSync(lock)) hash.update(fs.readFileSync(lock));
  return hash.digest('hex');
}

function readManifest(dir = DIST) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return null;
  }
}

function html(name, page, js, css) {
  // No inline script or style: the gateway's Content-Security-Policy allows only 'self'.
  // The empty data: icon keeps the browser from asking for /favicon.ico.
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<link rel="icon" href="data:,">
${css.map((href) => `<link rel="stylesheet" href="/${href}">`).join('\n')}
<script type="module" src="/${js}"></script>
</head>
<body data-page="${name}">
<div id="root"></div>
<noscript>Trang này cần JavaScript. / This page needs JavaScript.</noscript>
</body>
</html>
`;
}

/** Builds every page into web/dist (atomically: into a temporary directory, then renamed). */
export async function buildWeb({ quiet = false } = {}) {
  const started = Date.now();
  const { build } = await import('esbuild');
  const print = fingerprint();
  const out = path.join(WEB, `.dist-${process.pid}-${randomUUID().slice(0, 8)}`);
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: Object.fromEntries(Object.entries(PAGES).map(([name, page]) => [name, page.entry])),
      outdir: out,
      entryNames: 'assets/[name]-[hash]',
      chunkNames: 'assets/chunk-[hash]',
      assetNames: 'assets/[name]-[hash]',
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'browser',
      target: ['chrome109', 'firefox115', 'safari16'],
      minify: true,
      sourcemap: 'linked',
      jsx: 'automatic',
      loader: { '.graphql': 'text', '.woff2': 'file', '.woff': 'file', '.svg': 'file', '.png': 'file' },
      define: { 'process.env.NODE_ENV': '"production"' },
      legalComments: 'linked',
      metafile: true,
      logLevel: 'warning',
    });
    const pages = {};
    for (const [file, output] of Object.entries(result.metafile.outputs)) {
      if (!output.entryPoint) continue;
      const name = Object.entries(PAGES).find(([, page]) => page.entry === output.entryPoint)?.[0];
      if (!name) continue;
      const rel = (f) => path.relative(out, path.join(ROOT, f)).split(path.sep).join('/');
      const css = output.cssBundle ? [rel(output.cssBundle)] : [];
      fs.writeFileSync(path.join(out, `${name}.html`), html(name, PAGES[name], rel(file), css));
      pages[name] = `${name}.html`;
    }
    const missing = Object.keys(PAGES).filter((name) => !pages[name]);
    if (missing.length > 0) throw new Error(`build-web: no output for ${missing.join(', ')}`);
    fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify({ fingerprint: print, builtAt: new Date().toISOString(), pages }, null, 2)}\n`);
    fs.rmSync(DIST, { recursive: true, force: true });
    try {
      fs.renameSync(out, DIST);
    } catch (error) {
      // Another process built the same sources meanwhile: its output is as good as ours.
      if (readManifest()?.fingerprint !== print) throw error;
    }
    if (!quiet) process.stderr.write(`built the pages into ${path.relative(process.cwd(), DIST) || DIST} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
  return DIST;
}

/** Builds web/dist when it is missing or was built from other sources; returns its path. */
export async function ensureWebBuilt(options = {}) {
  if (readManifest()?.fingerprint === fingerprint()) return DIST;
  return buildWeb(options);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const run = process.argv.includes('--if-stale') ? ensureWebBuilt : buildWeb;
  run().catch((error) => {
    process.stderr.write(`build-web failed: ${error.stack ?? error}\n`);
    process.exit(1);
  });
}
