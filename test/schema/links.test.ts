/** Cross-source links resolve both ways, on both engines, through real GraphQL over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { type TestGateway, startTestGateway } from '../support/gateway.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test JSON walking

describe.each(ENGINES)('cross-source links on %s', (engine) => {
  let gw: TestGateway;
  const first = async (table: string, where = 'true') => {
    const [row] = await gw.storage.sources.population.query<Obj>(`SELECT * FROM ${table} WHERE ${where} ORDER BY 1 LIMIT 1`);
    return row as Obj;
  };
  beforeAll(async () => {
    gw = await startTestGateway(engine);
  });
  afterAll(async () => {
    await gw?.close();
  });

  it('result → subject → results comes back to the result, and to its files and procedure', async () => {
    const row = await first('records.results', "procedure_code = 'DD-D-01'");
    const { body } = await gw.query<Obj>(
      `query($id: ID!) { result(id: $id) { id procedure { code domain level } issuingUnit { code level } documents { pageCount sha256 }
         subject { personalId results { id } } } }`,
      { id: String(row.id) },
    );
    expect(body.errors).toBeUndefined();
    const result = body.data!.result;
    expect(result.procedure).toEqual({ code: 'DD-D-01', domain: 'LAND', level: 'DISTRICT' });
    expect(result.issuingUnit).toEqual({ code: 'HN.HBT', level: 'DISTRICT' });
    expect(result.subject.personalId).toBe(row.subject_personal_id);
    expect(result.subject.results.map((r: Obj) => r.id)).toContain(String(row.id));
    expect(result.documents.reduce((sum: number, d: Obj) => sum + d.pageCount, 0)).toBe(row.page_count);
  });

  it('citizen → birth registration → child, father and mother; father → children', async () => {
    const birth = await first('civil.births', 'father_personal_id IS NOT NULL AND mother_personal_id IS NOT NULL');
    const { body } = await gw.query<Obj>(
      `query($id: String!) { citizen(personalId: $id) { personalId father { personalId children { personalId } }
         birthRegistration { id bookNumber registeringUnit { code validFrom } child { personalId } father { personalId } mother { personalId sex } } } }`,
      { id: birth.child_personal_id },
    );
    expect(body.errors).toBeUndefined();
    const c = body.data!.citizen;
    expect(c.birthRegistration.id).toBe(birth.id);
    expect(c.birthRegistration.child.personalId).toBe(birth.child_personal_id);
    expect(c.birthRegistration.father.personalId).toBe(birth.father_personal_id);
    expect(c.birthRegistration.mother).toMatchObject({ personalId: birth.mother_personal_id, sex: 'FEMALE' });
    expect(c.birthRegistration.registeringUnit.code).toBe(birth.registering_unit_code);
    expect(c.father.children.map((k: Obj) => k.personalId)).toContain(birth.child_personal_id);
  });

  it('land certificate → owners → their certificates, and citizen → businesses → owner', async () => {
    const cert = await first('land.certificates');
    const { body } = await gw.query<Obj>(
      `query($n: String!) { landCertificate(certificateNumber: $n) { id areaM2 ward { code validTo } owners { personalId landCertificates { id } } } }`,
      { n: cert.certificate_number },
    );
    expect(body.errors).toBeUndefined();
    const land = body.data!.landCertificate;
    expect(land.owners.length).toBeGreaterThan(0);
    for (const owner of land.owners) expect(owner.landCertificates.map((l: Obj) => l.id)).toContain(cert.id);
    expect(land.ward.validTo).toBeNull();

    const business = await first('business.household_businesses');
    const owned = await gw.query<Obj>(`query($id: String!) { citizen(personalId: $id) { businesses { registrationNumber owner { personalId } } } }`, {
      id: business.owner_personal_id,
    });
    expect(owned.body.data!.citizen.businesses).toContainEqual({ registrationNumber: business.registration_number, owner: { personalId: business.owner_personal_id } });
  });

  it('household → members → household, and marriages name both spouses', async () => {
    const marriage = await first('civil.marriages');
    const { body } = await gw.query<Obj>(
      `query($id: String!) { citizen(personalId: $id) { spouse { personalId } marriages { husband { personalId } wife { personalId } }
         household { id head { personalId } members { personalId household { id } } } } }`,
      { id: marriage.husband_personal_id },
    );
    expect(body.errors).toBeUndefined();
    const c = body.data!.citizen;
    expect(c.marriages).toContainEqual({ husband: { personalId: marriage.husband_personal_id }, wife: { personalId: marriage.wife_personal_id } });
    expect(c.spouse.personalId).toBe(marriage.wife_personal_id);
    expect(c.household.members.map((m: Obj) => m.personalId)).toContain(marriage.husband_personal_id);
    for (const m of c.household.members) expect(m.household.id).toBe(c.household.id);
  });

  it("traces units of every period to today's wards through the lineage", async () => {
    const { body } = await gw.query<Obj>(`{
      btx: unit(code: "HBT.BUITHIXUAN") { validTo todaysUnits { unit { code } share } }
      district: unit(code: "HN.HBT") { todaysUnits { unit { code } share } }
      today: units(inForceOn: "2026-01-01") { code level }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.btx.validTo).toBe('2019-12-31');
    expect(body.data!.btx.todaysUnits).toEqual(
      expect.arrayContaining([{ unit: { code: 'HN.HAIBATRUNG' }, share: 0.8 }, { unit: { code: 'HN.CUANAM' }, share: 0.2 }]),
    );
    const districtShares = body.data!.district.todaysUnits.reduce((s: number, e: Obj) => s + e.share, 0);
    expect(districtShares).toBeCloseTo(1, 3);
    expect(body.data!.today.every((u: Obj) => u.level !== 'DISTRICT')).toBe(true);
  });
});
