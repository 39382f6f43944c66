/**
 * The CSV download: the same cells and protection as Query.aggregate, UTF-8 with a byte-order
 * mark, and the same identity and grant checks as GraphQL.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateCsv } from '../../src/analytics/csv.js';
import type { Caller } from '../support/identity.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

const ANALYST: Caller = { agency: 'CTK.HN', role: 'analyst', purpose: null };
const POLICE: Caller = { agency: 'CA.HBT', role: 'partner', purpose: 'CRIMINAL_INVESTIGATION' };

describe('GET /aggregate.csv', () => {
  let gw: TestGateway;
  const get = async (search: string, caller: Caller | null = ANALYST, init: RequestInit = {}) => {
    const headers = caller ? await gw.headersFor(caller) : {};
    const response = await fetch(`${gw.url}/aggregate.csv?${search}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } });
    return { status: response.status, type: response.headers.get('content-type'), bytes: new Uint8Array(await response.arrayBuffer()) };
  };
  beforeAll(async () => {
    gw = await startTestGateway('pglite');
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('gives the protected table as CSV with a BOM, unit names in Vietnamese, suppressed figures empty, the total last', async () => {
    const search = 'dataset=CITIZENS&measures=COUNT&groupBy=WARD,ETHNICITY_GROUP,BIRTH_DECADE&filter=VITAL_STATUS=ALIVE&filter=BIRTH_DECADE>=1930s';
    const { status, type, bytes } = await get(search);
    expect(status).toBe(200);
    expect(type).toBe('text/csv; charset=utf-8; header=present');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe('WARD,WARD_NAME,ETHNICITY_GROUP,BIRTH_DECADE,COUNT,STATUS');
    // The same answer through GraphQL.
    const { body } = await gw.query<{ aggregate: { cells: Array<{ key: string[]; labels: string[]; values: Array<number | null>; status: string }>; total: { values: number[]; status: string } } }>(
      `{ aggregate(dataset: CITIZENS, measures: [COUNT], groupBy: [WARD, ETHNICITY_GROUP, BIRTH_DECADE], filter: [{ dimension: VITAL_STATUS, in: ["ALIVE"] }, { dimension: BIRTH_DECADE, min: "1930s" }]) { cells { key labels values status } total { values status } } }`,
      {},
      ANALYST,
    );
    const { cells, total } = body.data!.aggregate;
    expect(lines.slice(1, -2)).toEqual(cells.map((c) => [c.key[0], c.labels[0], c.key[1], c.key[2], c.values[0] ?? '', c.status].join(',')));
    expect(lines.at(-2)).toBe(`TOTAL,,TOTAL,TOTAL,${total.values[0]},${total.status}`);
    expect(cells.some((c) => c.status !== 'SHOWN')).toBe(true);
    expect(lines.some((l) => /^HN\.[A-Z]+,Phường Hai Bà Trưng,/.test(l))).toBe(true);
  });

  it('refuses without a token, to a role not granted aggregates, a POST, and a malformed question, with coded errors', async () => {
    const json = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as { errors: Array<{ extensions: { code: string; argument?: string } }> };
    const noToken = await get('dataset=RESULTS', null);
    expect([noToken.status, json(noToken.bytes).errors[0]!.extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    const police = await get('dataset=RESULTS', POLICE);
    expect([police.status, json(police.bytes).errors[0]!.extensions.code]).toEqual([403, 'FORBIDDEN']);
    const post = await get('dataset=RESULTS', ANALYST, { method: 'POST' });
    expect(post.status).toBe(405);
    for (const [search, argument] of [
      ['dataset=PEOPLE', 'dataset'],
      ['measures=COUNT', 'dataset'],
      ['dataset=CITIZENS&groupBy=FULL_NAME', 'groupBy'],
      ['dataset=CITIZENS&filter=SEX~MALE', 'filter'],
      ['dataset=CITIZENS&select=*', 'query'],
    ] as const) {
      const answer = await get(search);
      expect(answer.status, search).toBe(400);
      expect(json(answer.bytes).errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
  });

  it('quotes separators and never lets a value start a spreadsheet formula', () => {
    const csv = aggregateCsv(
      {
        dataset: 'HOUSEHOLD_BUSINESSES', rowNoun: 'businesses', measures: ['COUNT'], groupBy: ['LINE_OF_BUSINESS'], minCellCount: 10, answeredFrom: 'ROWS',
        cells: [
          { key: ['Bán lẻ, "tạp hóa"'], labels: [null], count: 12, values: [12], status: 'SHOWN' },
          { key: ['=HYPERLINK("x")'], labels: [null], count: 11, values: [11], status: 'SHOWN' },
        ],
        total: { key: [], labels: [], count: 23, values: [23], status: 'SHOWN' },
      },
      new Set(),
    );
    expect(csv.slice(1).split('\r\n')).toEqual(['LINE_OF_BUSINESS,COUNT,STATUS', '"Bán lẻ, ""tạp hóa""",12,SHOWN', `"'=HYPERLINK(""x"")",11,SHOWN`, 'TOTAL,23,SHOWN', '']);
  });
});
