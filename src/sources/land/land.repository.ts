/** SQL for the land source: certificates with their owners' personal IDs. */
import { SourceRepository } from '../../db/repository.js';
import { type Projection, type ProjectionSpec, project } from '../../db/projection.js';

export const CERTIFICATE: ProjectionSpec = {
  columns: {
    id: 'x.id',
    certificateNumber: 'x.certificate_number',
    issuedOn: 'x.issued_on',
    issuingUnitCode: 'x.issuing_unit_code',
    mapSheet: 'x.map_sheet',
    parcelNumber: 'x.parcel_number',
    address: 'x.address',
    wardCode: 'x.ward_code',
    areaM2: 'x.area_m2::float8',
    landUse: 'x.land_use',
    ownerPersonalIds: '(SELECT array_agg(o.owner_personal_id::text ORDER BY o.owner_personal_id) FROM land.certificate_owners o WHERE o.certificate_id = x.id)',
  },
  needs: { issuingUnit: ['issuingUnitCode'], ward: ['wardCode'], owners: ['ownerPersonalIds'] },
  // The owners are always read: the access log records whose data left.
  always: ['id', 'ownerPersonalIds'],
};

export type Row = Record<string, unknown>;
export { project };

export class LandRepository extends SourceRepository {


  /** Certificates of owners, oldest first, tagged `__key` = owner personal ID. */
  certificatesOfOwners(p: Projection, ids: readonly string[]): Promise<Row[]> {
    return this.run(
      `byOwner:${p.signature}`,
      () =>
        `SELECT o.owner_personal_id AS "__key", ${p.selectList} FROM land.certificate_owners o JOIN land.certificates x ON x.id = o.certificate_id
          WHERE o.owner_personal_id = ANY($1::char(12)[]) ORDER BY o.owner_personal_id, x.issued_on, x.id`,
      [ids],
    );
  }

  certificatesByNumbers(p: Projection, numbers: readonly string[]): Promise<Row[]> {
    return this.run(`byNumber:${p.signature}`, () => `SELECT ${p.selectList}, x.certificate_number AS "__key" FROM land.certificates x WHERE x.certificate_number = ANY($1::varchar[])`, [
      numbers,
    ]);
  }
}
