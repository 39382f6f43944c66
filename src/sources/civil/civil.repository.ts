/** SQL for the civil-status source (hộ tịch). */
import { SourceRepository } from '../../db/repository.js';
import { type Projection, type ProjectionSpec, project } from '../../db/projection.js';

const REGISTRATION = {
  id: 'x.id',
  registeredOn: 'x.registered_on',
  registeringUnitCode: 'x.registering_unit_code',
  bookNumber: 'x.book_number',
  entryNumber: 'x.entry_number',
};
const needsUnit = { registeringUnit: ['registeringUnitCode'] };

export const BIRTH: ProjectionSpec = {
  columns: {
    ...REGISTRATION,
    childPersonalId: 'x.child_personal_id',
    childName: 'x.child_name',
    dateOfBirth: 'x.date_of_birth',
    placeOfBirth: 'x.place_of_birth',
    fatherPersonalId: 'x.father_personal_id',
    motherPersonalId: 'x.mother_personal_id',
  },
  needs: { ...needsUnit, child: ['childPersonalId'], father: ['fatherPersonalId'], mother: ['motherPersonalId'] },
  // The people a registration is about are always read: the access log records whose data left.
  always: ['id', 'childPersonalId'],
};

export const MARRIAGE: ProjectionSpec = {
  columns: { ...REGISTRATION, husbandPersonalId: 'x.husband_personal_id', wifePersonalId: 'x.wife_personal_id' },
  needs: { ...needsUnit, husband: ['husbandPersonalId'], wife: ['wifePersonalId'] },
  always: ['id', 'husbandPersonalId', 'wifePersonalId'],
};

export const DEATH: ProjectionSpec = {
  columns: { ...REGISTRATION, deceasedPersonalId: 'x.deceased_personal_id', dateOfDeath: 'x.date_of_death', placeOfDeath: 'x.place_of_death' },
  needs: { ...needsUnit, deceased: ['deceasedPersonalId'] },
  always: ['id', 'deceasedPersonalId'],
};

export type Row = Record<string, unknown>;
export { project };

export class CivilRepository extends SourceRepository {


  /** Births of children, the earliest registration first, tagged `__key` = child ID. */
  birthsOfChildren(p: Projection, ids: readonly string[]): Promise<Row[]> {
    return this.run(
      `birth:${p.signature}`,
      () => `SELECT x.child_personal_id AS "__key", ${p.selectList} FROM civil.births x WHERE x.child_personal_id = ANY($1::char(12)[]) ORDER BY x.child_personal_id, x.id`,
      [ids],
    );
  }

  /** Marriages where the person is husband or wife, oldest first, tagged `__key`. */
  marriagesOf(p: Projection, ids: readonly string[]): Promise<Row[]> {
    return this.run(
      `marriage:${p.signature}`,
      () =>
        `SELECT * FROM (SELECT x.husband_personal_id AS "__key", ${p.selectList} FROM civil.marriages x WHERE x.husband_personal_id = ANY($1::char(12)[])
         UNION ALL SELECT x.wife_personal_id, ${p.selectList} FROM civil.marriages x WHERE x.wife_personal_id = ANY($1::char(12)[])) m ORDER BY "__key", id`,
      [ids],
    );
  }

  deathsOf(p: Projection, ids: readonly string[]): Promise<Row[]> {
    return this.run(
      `death:${p.signature}`,
      () => `SELECT x.deceased_personal_id AS "__key", ${p.selectList} FROM civil.deaths x WHERE x.deceased_personal_id = ANY($1::char(12)[]) ORDER BY x.deceased_personal_id, x.id`,
      [ids],
    );
  }

  birthsByIds(p: Projection, ids: readonly number[]): Promise<Row[]> {
    return this.run(`birthById:${p.signature}`, () => `SELECT ${p.selectList} FROM civil.births x WHERE x.id = ANY($1::int[])`, [ids]);
  }
}
