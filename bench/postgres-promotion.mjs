// How much of what postgres.js allocates survives into V8's old generation, without the gateway:
// an async function that awaits statements, called back to back for a few seconds. Each case
// runs in a child process under --trace-gc-nvp; the bytes its scavenges promoted are summed
// from that trace. Measured 2026-12-06 (bench/README.md, "Where peak RSS comes from"): one
// statement, or two awaited at one site in a loop, about 0.5 MB/s (70-90 bytes a statement);
// two awaited at two sites, one after the other, 3.7-4.3 MB/s (about 500 bytes, that is every
// object of every statement), with or without our patch, with a young generation of 1 or
// 16 MiB. Why the second await site keeps them is not known.
//
//   node bench/postgres-promotion.mjs        # BENCH_POSTGRES_URL, else the local server
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const url = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = 5;

if (process.argv[2] === 'child') {
  const { default: postgres } = await import('postgres');
  const sql = postgres(url, { max: 4, prepare: true, idle_timeout: 60, onnotice: () => {} });
  const text = 'select $1::int as x';
  const shapes = {
    one: async (n) => {
      await sql.unsafe(text, [n], { prepare: true });
    },
    'two at one site': async (n) => {
      for (let i = 0; i < 2; i++) await sql.unsafe(text, [n], { prepare: true });
    },
    'two at two sites': async (n) => {
      await sql.unsafe(text, [n], { prepare: true });
      await sql.unsafe(text, [n], { prepare: true });
    },
  };
  const shape = process.argv[3];
  const once = shapes[shape];
  const statements = shape === 'one' ? 1 : 2;
  const end = Date.now() + SECONDS * 1000;
  let calls = 0;
  // Each call starts from the one before's callback: no long-lived frame or promise chain.
  await new Promise((done) => {
    const next = () => (Date.now() < end ? void once(calls++).then(next) : done());
    next();
  });
  await sql.end();
  process.stderr.write(`${calls * statements}\n`);
} else {
  for (const shape of ['one', 'two at one site', 'two at two sites']) {
    const child = spawnSync(process.execPath, ['--max-semi-space-size=16', '--trace-gc-nvp', fileURLToPath(import.meta.url), 'child', shape], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) throw new Error(child.stderr);
    const promoted = [...child.stdout.matchAll(/gc=s .*?promoted=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    const sent = Number(child.stderr.trim());
    console.log(
      `${shape}: ${(sent / SECONDS).toFixed(0)} statements/s, ${(promoted / SECONDS / 1e6).toFixed(2)} MB/s promoted by scavenges (${((promoted / sent) | 0).toLocaleString('en')} bytes per statement)`,
    );
  }
}
