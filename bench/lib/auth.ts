/**
 * Identity and policy for the gateway targets. The gateway runs as in production: NODE_ENV=
 * production, a configured issuer with a JWKS file (the bench's own ES256 key), the default
 * policy plus two bench agencies that read every category:
 * - BENCH.SCOPED: with row rules on results and citizens (jurisdiction over every unit in force
 *   today, every status), so every statement carries the rules' SQL while the answers stay equal
 *   to the floor's;
 * - BENCH.OPEN: the same reads with no row rules: authorization's fixed cost only.
 * A second policy file, identical but with every category marked not personal, serves the
 * `gateway-nolog` target: no request reads personal data by that policy, so none is logged.
 * The agencies are registered in the bench database's gateway store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { documentHash } from '../../src/sources/gateway/trusted-documents.js';
import { WORKLOADS } from '../workloads.js';
import postgres from 'postgres';
import { parseDocument } from 'yaml';

const ISSUER = 'lienthong-bench';
const AUDIENCE = 'lienthong';
const PURPOSE = 'BENCH';

export interface BenchAuth {
  /** Environment for the gateway targets. */
  readonly env: Record<string, string>;
  /** The policy file under which nothing is personal data, so nothing is logged. */
  readonly noLogPolicyFile: string;
  /** Request headers per bench agency, and of the statistics office's analyst (W5). */
  readonly headers: { readonly scoped: Record<string, string>; readonly open: Record<string, string>; readonly analyst: Record<string, string> };
}

export async function prepareBenchAuth(root: string, databaseUrl: string): Promise<BenchAuth> {
  const dir = path.join(root, 'bench', '.cache', 'auth');
  fs.mkdirSync(dir, { recursive: true });
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const kid = 'bench-1';
  const jwksFile = path.join(dir, 'jwks.json');
  // The key that signs the access log's checkpoints (required in production).
  const auditKey = await generateKeyPair('ES256', { extractable: true });
  const auditKeyFile = path.join(dir, 'audit-signing-key.json');
  fs.writeFileSync(auditKeyFile, JSON.stringify({ ...(await exportJWK(auditKey.privateKey)), kid: 'bench-audit-1', alg: 'ES256', use: 'sig' }), { mode: 0o600 });
  fs.writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] }));

  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  let units: string[];
  try {
    units = (await sql<{ code: string }[]>`select code from population.units where valid_to is null order by code`).map((r) => r.code);
    await sql`insert into gateway.agencies (code, name, status) values ('BENCH.SCOPED', 'Benchmark, with row rules', 'ACTIVE'), ('BENCH.OPEN', 'Benchmark, no row rules', 'ACTIVE'), ('CTK.HN', 'Cục Thống kê Hà Nội', 'ACTIVE') on conflict (code) do nothing`;
    // In production partners run only registered documents: the workloads are, as a partner's software would have them.
    const documents = ['BENCH.SCOPED', 'BENCH.OPEN'].flatMap((agency) => Object.values(WORKLOADS).map((w) => ({ agency, hash: documentHash(w.query), name: `${w.name}.graphql` })));
    await sql`insert into gateway.trusted_documents (agency, hash, name) select * from unnest(${documents.map((d) => d.agency)}::varchar[], ${documents.map((d) => d.hash)}::bpchar[], ${documents.map((d) => d.name)}::text[]) on conflict do nothing`;
  } finally {
    await sql.end();
  }

  const document = parseDocument(fs.readFileSync(path.join(root, 'policy', 'default.yaml'), 'utf8'));
  const categories = Object.keys((document.toJS() as { categories: Record<string, unknown> }).categories);
  const reads = { purposes: [PURPOSE], read: categories };
  document.setIn(['purposes', PURPOSE], 'Benchmarks of the gateway');
  document.setIn(['agencies', 'BENCH.OPEN'], { name: 'Benchmark, no row rules', roles: { partner: reads } });
  document.setIn(['agencies', 'BENCH.SCOPED'], {
    name: 'Benchmark, with row rules',
    roles: {
      partner: {
        ...reads,
        rows: {
          Citizen: { jurisdiction: units.filter((u) => u !== 'HN') },
          AdministrativeResult: { jurisdiction: units, statuses: ['VALID', 'EXPIRED', 'REVOKED', 'SUPERSEDED'] },
        },
      },
    },
  });
  const policyFile = path.join(dir, 'policy.yaml');
  fs.writeFileSync(policyFile, document.toString());
  for (const category of categories) document.setIn(['categories', category, 'personal'], false);
  const noLogPolicyFile = path.join(dir, 'policy-nolog.yaml');
  fs.writeFileSync(noLogPolicyFile, document.toString());

  const token = (agency: string, role = 'partner') =>
    new SignJWT({ agency, role })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(`bench@${agency}`)
      .setIssuedAt()
      .setExpirationTime('3h')
      .sign(privateKey);
  const headersFor = async (agency: string) => ({ authorization: `Bearer ${await token(agency)}`, 'x-purpose': PURPOSE });
  return {
    noLogPolicyFile,
    env: { AUDIT_SIGNING_KEY_FILE: auditKeyFile, AUTH_ISSUER: ISSUER, AUTH_JWKS_FILE: jwksFile, AUTH_AUDIENCE: AUDIENCE, POLICY_FILE: policyFile, PSEUDONYM_SECRET: 'bench-pseudonym-secret-of-32-characters!' },
    headers: { scoped: await headersFor('BENCH.SCOPED'), open: await headersFor('BENCH.OPEN'), analyst: { authorization: `Bearer ${await token('CTK.HN', 'analyst')}` } },
  };
}
