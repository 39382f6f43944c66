/**
 * The raw floor: the least work a server can do to answer the benchmark operations. It
 * recognises the workload by its operation name, runs ONE hand-written prepared statement that
 * builds the whole response in PostgreSQL, and writes the text it gets back. No GraphQL parsing,
 * no validation, no authorization: what the gateway adds on top of this is its cost.
 *
 *   PORT=4100 DATABASE_URL=postgres://postgres@127.0.0.1:5432/lienthong_bench \
 *     node --import tsx bench/floor.ts
 *
 * The statements join across schemas, which the gateway may not do (each source is its own
 * server in production): that is part of what makes it a floor.
 */
import http from 'node:http';
import postgres from 'postgres';
import { W5_FLOOR_SQL } from './lib/w5.js';
import type { WorkloadName } from './workloads.js';

// Key order in every json_build_object follows the query's field order, as GraphQL's does.
// Dates go through to_json as ISO "YYYY-MM-DD"; ids are bigint, sent as strings like GraphQL IDs.
// The personal ID parameter is cast to bpchar: compared as text it would miss the char(12) index.
const CITIZEN_RESULTS = `
  select json_agg(json_build_object(
    'id', r.id::text,
    'status', r.status,
    'issuedOn', r.issued_on,
    'validUntil', r.valid_until,
    'procedure', (select json_build_object('code', p.code, 'name', p.name, 'domain', p.domain, 'level', p.level)
                  from records.procedures p where p.code = r.procedure_code),
    'documents', coalesce((
      select json_agg(json_build_object(
        'fileName', d.file_name, 'mimeType', d.mime_type, 'sizeBytes', d.size_bytes,
        'sha256', d.sha256, 'pageCount', d.page_count) order by d.id)
      from records.documents d where d.result_id = r.id), '[]'::json)
  ) order by r.issued_on desc, r.id desc)
  from records.results r where r.subject_personal_id = c.personal_id`;

const BIRTH_REGISTRATION = `
  select json_build_object(
    'registeredOn', b.registered_on,
    'bookNumber', b.book_number,
    'entryNumber', b.entry_number,
    'registeringUnit', (select json_build_object('code', u.code, 'name', u.name)
                        from population.units u where u.code = b.registering_unit_code),
    'father', (select json_build_object('personalId', f.personal_id, 'fullName', f.full_name)
               from population.citizens f where f.personal_id = b.father_personal_id),
    'mother', (select json_build_object('personalId', m.personal_id, 'fullName', m.full_name)
               from population.citizens m where m.personal_id = b.mother_personal_id))
  from civil.births b where b.child_personal_id = c.personal_id
  order by b.id limit 1`;

const W1 = `
select json_build_object('data', json_build_object('citizen', (
  select json_build_object(
    'personalId', c.personal_id,
    'fullName', c.full_name,
    'dateOfBirth', c.date_of_birth,
    'sex', c.sex,
    'results', coalesce((${CITIZEN_RESULTS}), '[]'::json),
    'birthRegistration', (${BIRTH_REGISTRATION}))
  from population.citizens c where c.personal_id = $1::bpchar)))::text as body`;

// The page's ids come from an index-only scan of (issuing_unit_code, id) on purpose: written as
// one scan of results, the generic plan of the prepared statement walks the primary key and
// filters by unit, which costs ~10 ms for a small unit. The cursor is base64url("v1:<id>") without
// padding; hasNextPage asks whether a row follows the page's last id.
const W2 = `
with ids as (
  select id from records.results where issuing_unit_code = $1 order by id limit 50),
page as (
  select r.*, translate(rtrim(encode(convert_to('v1:' || r.id, 'UTF8'), 'base64'), '='), '+/', '-_') as cursor
  from ids join records.results r using (id))
select json_build_object('data', json_build_object('results', json_build_object(
  'edges', coalesce((
    select json_agg(json_build_object(
      'cursor', p.cursor,
      'node', json_build_object(
        'id', p.id::text,
        'dossierCode', p.dossier_code,
        'decisionNumber', p.decision_number,
        'issuedOn', p.issued_on,
        'status', p.status,
        'pageCount', p.page_count,
        'subject', (select json_build_object('personalId', s.personal_id, 'fullName', s.full_name, 'dateOfBirth', s.date_of_birth)
                    from population.citizens s where s.personal_id = p.subject_personal_id),
        'documents', coalesce((
          select json_agg(json_build_object('fileName', d.file_name, 'sha256', d.sha256, 'pageCount', d.page_count) order by d.id)
          from records.documents d where d.result_id = p.id), '[]'::json))
    ) order by p.id)
    from page p), '[]'::json),
  'pageInfo', json_build_object(
    'hasNextPage', exists (select from records.results r
                           where r.issuing_unit_code = $1 and r.id > (select max(p.id) from page p)),
    'endCursor', (select p.cursor from page p order by p.id desc limit 1)))))::text as body`;

const W3 = `
select json_build_object('data', json_build_object('citizen', (
  select json_build_object(
    'personalId', c.personal_id,
    'fullName', c.full_name,
    'household', (
      select json_build_object(
        'id', h.id,
        'address', h.address,
        'members', coalesce((
          select json_agg(json_build_object(
            'personalId', m.personal_id,
            'fullName', m.full_name,
            'relationToHead', m.relation_to_head,
            'results', coalesce((
              select json_agg(json_build_object(
                'id', r.id::text,
                'status', r.status,
                'procedure', (select json_build_object('code', p.code, 'name', p.name)
                              from records.procedures p where p.code = r.procedure_code)
              ) order by r.issued_on desc, r.id desc)
              from records.results r where r.subject_personal_id = m.personal_id), '[]'::json)
          ) order by m.personal_id)
          from population.citizens m where m.household_id = h.id), '[]'::json))
      from population.households h where h.id = c.household_id))
  from population.citizens c where c.personal_id = $1::bpchar)))::text as body`;

const STATEMENTS: Record<Exclude<WorkloadName, 'W0'>, { sql: string; variable: 'id' | 'unit' }> = {
  W1: { sql: W1, variable: 'id' },
  W2: { sql: W2, variable: 'unit' },
  W3: { sql: W3, variable: 'id' },
  W5: { sql: W5_FLOOR_SQL, variable: 'unit' },
};
/** W0 reads nothing: its answer is a constant. */
const W0_ANSWER = JSON.stringify({ data: { __typename: 'Query' } });

const OPERATION = /\bquery\s+(W[01235])\b/;
const MAX_BODY_BYTES = 64 * 1024;

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  process.stderr.write('floor: DATABASE_URL is required\n');
  process.exit(2);
}
// The same pool size as the gateway's default (DB_POOL_MAX), so neither gets more connections.
const sql = postgres(databaseUrl, { max: Number(process.env.DB_POOL_MAX ?? 4), prepare: true, onnotice: () => {} });

const server = http.createServer((req, res) => {
  if (req.method === 'GET') return send(res, 200, '{"status":"ok"}'); // readiness: any GET answers
  if (req.method !== 'POST' || req.url !== '/graphql') return send(res, 404, error('not found'));
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) req.destroy();
    else chunks.push(chunk);
  });
  req.on('end', () => {
    answer(Buffer.concat(chunks).toString('utf8')).then(
      ([status, body]) => send(res, status, body),
      (err: unknown) => {
        process.stderr.write(`floor: ${(err as Error).message}\n`);
        send(res, 500, error('internal error'));
      },
    );
  });
});

async function answer(text: string): Promise<[number, string]> {
  let request: { query?: unknown; variables?: Record<string, unknown> };
  try {
    request = JSON.parse(text) as typeof request;
  } catch {
    return [400, error('body is not JSON')];
  }
  const operation = typeof request.query === 'string' ? OPERATION.exec(request.query)?.[1] : undefined;
  if (operation === 'W0') return [200, W0_ANSWER];
  const statement = operation ? STATEMENTS[operation as keyof typeof STATEMENTS] : undefined;
  if (!statement) return [400, error('the floor answers only the operations W0, W1, W2, W3 and W5')];
  const value = request.variables?.[statement.variable];
  if (typeof value !== 'string') return [400, error(`variable $${statement.variable} must be a string`)];
  const [row] = await sql.unsafe<{ body: string }[]>(statement.sql, [value], { prepare: true });
  return [200, row!.body]; // a scalar subquery always yields exactly one row
}

function send(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function error(message: string): string {
  return JSON.stringify({ errors: [{ message }] });
}

server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 4100), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address();
  process.stderr.write(`floor listening on ${typeof address === 'object' && address ? address.port : address}\n`);
});

// Close the pool on the way out so PostgreSQL's backends exit (and flush their counters) at once.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void sql.end({ timeout: 2 }).finally(() => process.exit(0));
  });
}
