/**
 * W5: analysts' aggregates over HTTP, at district and at city scale, on PostgreSQL.
 *
 *   npm run bench:aggregates
 *   BENCH_W5_REPEAT=30 npm run bench:aggregates
 *
 * District scale is `lienthong_bench` (prepared as for `npm run bench`). City scale is the
 * database that `npm run bench:load -- --scale city --engine postgres --keep` leaves behind
 * (`lienthong_bench_load_city`, or BENCH_CITY_DATABASE); it is skipped, and the report says so,
 * when it is absent. Each question is asked BENCH_W5_REPEAT times one after another (after two
 * warm-ups) against a production-mode gateway; the report gives p50, p95 and the fastest, and for
 * the headline question also the same grouping straight on the rows in SQL, which is what the
 * rollup saves.
 */
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { prepareBenchAuth } from './lib/auth.js';
import { type BenchDatabase, benchDatabase, ensureDistrictData, lienthong } from './lib/database.js';
import { startTarget } from './lib/target.js';
import { gatewayTarget } from './lib/targets.js';

const env = process.env;
const adminUrl = env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const repeat = Number(env.BENCH_W5_REPEAT ?? 20);
const root = path.resolve(import.meta.dirname, '..');

interface Question {
  readonly name: string;
  readonly what: string;
  readonly path: 'graphql' | 'csv';
  readonly body: string;
}

const graphql = (query: string) => JSON.stringify({ query });
const QUESTIONS: readonly Question[] = [
  {
    name: 'W5a',
    what: 'results by former district × domain × year of issue (count, pages)',
    path: 'graphql',
    body: graphql('{ aggregate(dataset: RESULTS, measures: [COUNT, PAGES], groupBy: [ISSUING_DISTRICT, DOMAIN, YEAR]) { answeredFrom cells { key count values status } total { count } } }'),
  },
  {
    name: 'W5b',
    what: "results by today's ward × domain, issued 2015–2021 (through the lineage, on the rows)",
    path: 'graphql',
    body: graphql(
      '{ aggregate(dataset: RESULTS, measures: [COUNT], groupBy: [TODAYS_UNIT, DOMAIN], filter: [{ dimension: YEAR, min: "2015", max: "2021" }]) { answeredFrom cells { key count status } total { count } } }',
    ),
  },
  {
    name: 'W5c',
    what: 'living citizens by ward × sex × age band',
    path: 'graphql',
    body: graphql(
      '{ aggregate(dataset: CITIZENS, measures: [COUNT], groupBy: [WARD, SEX, AGE_BAND], filter: [{ dimension: VITAL_STATUS, in: ["ALIVE"] }]) { answeredFrom cells { key count status } total { count } } }',
    ),
  },
  {
    name: 'W5d',
    what: 'digitization progress by the end of 2023, per issuing unit and level',
    path: 'graphql',
    body: graphql('{ digitizationProgress(year: 2023) { rows { unitCode level results digitized rate target onTrack } totals { level results digitized rate } } }'),
  },
  { name: 'W5e', what: 'W5a as a CSV download', path: 'csv', body: 'dataset=RESULTS&measures=COUNT,PAGES&groupBy=ISSUING_DISTRICT,DOMAIN,YEAR' },
];

/** The headline grouping straight on the rows: what the rollup replaces. */
const ROWS_SQL = `SELECT coalesce(u.parent_code, r.issuing_unit_code) AS district, p.domain, to_char(r.issued_on, 'YYYY') AS year, count(*), sum(r.page_count)
  FROM records.results r JOIN records.procedures p ON p.code = r.procedure_code
  LEFT JOIN population.units u ON u.code = r.issuing_unit_code AND u.level = 'WARD'
  GROUP BY 1, 2, 3`;

interface Timing {
  readonly p50: number;
  readonly p95: number;
  readonly min: number;
}

const timing = (ms: number[]): Timing => {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), min: sorted[0]! };
};

async function measureScale(scale: string, db: BenchDatabase): Promise<string[]> {
  lienthong(root, db, ['migrate'], true);
  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  const lines: string[] = [];
  try {
    const [{ results, rollup }] = (await sql`select (select count(*) from records.results)::int as results, (select count(*) from records.results_rollup)::int as rollup`) as unknown as [
      { results: number; rollup: number },
    ];
    if (rollup === 0 && results > 0) {
      process.stderr.write(`${scale}: refreshing records.results_rollup…\n`);
      await sql`refresh materialized view records.results_rollup`;
    }
    const [{ rollupRows }] = (await sql`select count(*)::int as "rollupRows" from records.results_rollup`) as unknown as [{ rollupRows: number }];
    const auth = await prepareBenchAuth(root, db.url);
    const target = await startTarget(
      gatewayTarget(db, auth, { partner: auth.headers.open }),
      root,
    );
    try {
      lines.push(`### ${scale}: ${results.toLocaleString('en')} results; rollup ${rollupRows.toLocaleString('en')} rows`, '');
      lines.push('| question | what | answered from | cells | p50 ms | p95 ms | fastest ms |', '| --- | --- | --- | ---: | ---: | ---: | ---: |');
      for (const q of QUESTIONS) {
        const ask = async () => {
          const started = performance.now();
          const response =
            q.path === 'csv'
              ? await fetch(`${target.url}/aggregate.csv?${q.body}`, { headers: auth.headers.analyst })
              : await fetch(`${target.url}/graphql`, { method: 'POST', headers: { ...auth.headers.analyst, 'content-type': 'application/json' }, body: q.body });
          const text = await response.text();
          const ms = performance.now() - started;
          if (response.status !== 200 || text.includes('"errors"')) throw new Error(`${q.name} at ${scale}: ${response.status} ${text.slice(0, 300)}`);
          return { ms, text };
        };
        await ask();
        const { text } = await ask();
        const times: number[] = [];
        for (let i = 0; i < repeat; i++) times.push((await ask()).ms);
        const t = timing(times);
        const answer = q.path === 'csv' ? null : (JSON.parse(text) as { data: Record<string, { answeredFrom?: string; cells?: unknown[]; rows?: unknown[] }> }).data;
        const first = answer ? Object.values(answer)[0]! : null;
        const cells = first ? (first.cells ?? first.rows ?? []).length : text.split('\r\n').length - 3;
        lines.push(`| ${q.name} | ${q.what} | ${first?.answeredFrom ?? '—'} | ${cells} | ${t.p50.toFixed(1)} | ${t.p95.toFixed(1)} | ${t.min.toFixed(1)} |`);
        process.stderr.write(`  ${scale} ${q.name}: p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms\n`);
      }
      // The same headline grouping on the rows, without the rollup (three runs, the middle one).
      const direct: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        await sql.unsafe(ROWS_SQL);
        direct.push(performance.now() - started);
      }
      lines.push('', `W5a straight on the rows in SQL (no gateway, no rollup): ${timing(direct).p50.toFixed(0)} ms (median of 3).`);
      const report = await fetch(`${target.url}/graphql`, {
        method: 'POST',
        headers: { ...auth.headers.analyst, 'content-type': 'application/json' },
        body: graphql('{ digitizationProgress(year: 2024, units: ISSUING_DISTRICT, district: "HN.HBT") { totals { level results digitized pagesDigitized rate } } }'),
      }).then((r) => r.json() as Promise<{ data: { digitizationProgress: { totals: Array<{ level: string; results: number; pagesDigitized: number; rate: number }> } } }>);
      const totals = report.data.digitizationProgress.totals.map((t) => `${t.level}: ${t.results.toLocaleString('en')} files, ${t.pagesDigitized.toLocaleString('en')} pages, ${t.rate}%`);
      lines.push(`Hai Bà Trưng by the end of 2024 (digitizationProgress): ${totals.join('; ')}.`, '');
    } finally {
      await target.stop();
    }
  } finally {
    await sql.end();
  }
  return lines;
}

const district = benchDatabase(adminUrl, env.BENCH_DATABASE ?? 'lienthong_bench');
await ensureDistrictData(adminUrl, district, root);
const report: string[] = [
  `# W5: analysts' aggregates, ${new Date().toISOString().slice(0, 10)}`,
  '',
  `- ${repeat} requests per question, one after another, after two warm-ups; a production-mode gateway on PostgreSQL, called as the statistics office's analyst`,
  '- latency is measured at the client (request sent to last byte read), the suppression and the JSON included',
  '',
  ...(await measureScale('district', district)),
];
const city = benchDatabase(adminUrl, env.BENCH_CITY_DATABASE ?? 'lienthong_bench_load_city');
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const [cityExists] = await admin`select 1 from pg_database where datname = ${city.name}`;
await admin.end();
if (cityExists) report.push(...(await measureScale('city', city)));
else report.push(`### city: skipped (no database ${city.name}; load it with \`npm run bench:load -- --scale city --engine postgres --keep\`)`, '');

const file = path.join(root, 'bench', 'results', `aggregates-${new Date().toISOString().slice(0, 10)}.md`);
fs.writeFileSync(file, `${report.join('\n')}\n`);
process.stdout.write(`${report.join('\n')}\nwritten to ${path.relative(root, file)}\n`);
