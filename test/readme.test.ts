/**
 * The README's example queries run as the README says (each with the token of the user it
 * names) on the demo data, so the README stays true; and what each user gets differs as the
 * policy says: another user's example is refused where the policy refuses it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRole } from '../src/auth/identity/index.js';
import type { Caller } from './support/identity.js';
import { type TestGateway, startTestGateway } from './support/gateway.js';

const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../README.md'), 'utf8');
const examples = [...readme.matchAll(/```graphql\n# as: (.*)\n([\s\S]*?)```/g)].map((m) => ({ caller: callerOf(m[1] as string), query: m[2] as string }));

/** `# as: AGENCY role [unit=CODE] [sub=ID] [x-purpose=CODE]` */
function callerOf(line: string): Caller {
  const [agency, role, ...rest] = line.trim().split(/\s+/);
  if (!agency || !isRole(role)) throw new Error(`README: bad "# as:" line: ${line}`);
  const option = (name: string) => rest.find((r) => r.startsWith(`${name}=`))?.slice(name.length + 1);
  const unit = option('unit');
  const sub = option('sub');
  return { agency, role, ...(unit ? { unit } : {}), ...(sub ? { sub } : {}), purpose: option('x-purpose') ?? null };
}

describe('README examples', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway('pglite');
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('has a counter, a partner, two analyst and a citizen example', () => expect(examples.map((e) => e.caller.role)).toEqual(['counter', 'partner', 'analyst', 'analyst', 'citizen']));

  // In order: the citizen's example shows the access records the counter's and the partner's left.
  it.each(examples.map((e, i) => [i + 1, e]))('example %i answers its user with data and no error', async (_, { caller, query }) => {
    const { body } = await gw.query(query, {}, caller);
    expect(body.errors).toBeUndefined();
    for (const [field, value] of Object.entries(body.data ?? {})) expect(value, field).not.toBeNull();
    expect(JSON.stringify(body.data)).toMatch(/"(priorResults|edges|cells|rows)":\[\{/);
    if (caller.role === 'citizen') expect(JSON.stringify(body.data)).toMatch(/Văn phòng Đăng ký đất đai[\s\S]*Bạch Mai|Bạch Mai[\s\S]*Văn phòng Đăng ký đất đai/);
  });

  it("gives the analysts' answers the README quotes", async () => {
    const [population, digitization] = examples.filter((e) => e.caller.role === 'analyst') as [(typeof examples)[0], (typeof examples)[0]];
    const cells = (await gw.query<{ aggregate: { cells: Array<{ key: string[]; count: number | null; status: string }>; total: { count: number } } }>(population.query, {}, population.caller)).body.data!.aggregate;
    expect(cells.cells).toHaveLength(27);
    expect(cells.total.count).toBe(562);
    const hbt = Object.fromEntries(cells.cells.filter((c) => c.key[0] === 'HN.HAIBATRUNG').map((c) => [c.key[1], c.count ?? c.status]));
    expect(hbt).toMatchObject({ '00-09': 64, '10-19': 44, '70-79': 'PRIMARY', '80+': 10 });
    expect(cells.cells.filter((c) => c.key[0] === 'HN.CUANAM').every((c) => c.status === 'PRIMARY')).toBe(true);
    const report = (await gw.query<{ digitizationProgress: { rows: Array<{ unitCode: string; level: string; rate: number; onTrack: boolean }>; totals: Array<Record<string, unknown>> } }>(digitization.query, {}, digitization.caller)).body.data!.digitizationProgress;
    expect(report.rows).toHaveLength(9);
    expect(report.totals).toEqual([
      { level: 'DISTRICT', results: 18_710, digitized: 6_341, pagesDigitized: 30_920, rate: 33.89, target: 30, onTrack: true },
      { level: 'WARD', results: 7_562, digitized: 2_162, pagesDigitized: 2_210, rate: 28.59, target: 25, onTrack: true },
    ]);
    expect(report.rows.filter((r) => !r.onTrack).map((r) => [r.unitCode, r.level, r.rate])).toEqual([['HN.CUANAM', 'DISTRICT', 28.45]]);
  });

  it("refuses each example to the other users where the policy says so", async () => {
    const [counter, partner, analyst] = examples as [(typeof examples)[0], (typeof examples)[0], (typeof examples)[0], (typeof examples)[0]];
    const codes = async (query: string, caller: Caller) => {
      const { body } = await gw.query(query, {}, { ...caller, purpose: caller.purpose ?? null });
      return new Set((body.errors ?? []).map((e) => e.extensions?.code));
    };
    expect(await codes(partner.query, counter.caller)).toContain('FORBIDDEN');
    expect(await codes(partner.query, analyst.caller)).toContain('FORBIDDEN');
    expect(await codes(counter.query, partner.caller)).toContain('FORBIDDEN');
    expect(await codes(counter.query, analyst.caller)).toContain('FORBIDDEN');
    // The land office sees personal IDs partly masked.
    const { body } = await gw.query(partner.query, {}, partner.caller);
    expect(JSON.stringify(body.data)).toMatch(/"personalId":"\d{3}\*{6}\d{3}"/);
  });
});
