/** SQL for the household-business source. */
import { SourceRepository } from '../../db/repository.js';
import { type Projection, type ProjectionSpec, project } from '../../db/projection.js';

export const BUSINESS: ProjectionSpec = {
  columns: {
    id: 'x.id',
    registrationNumber: 'x.registration_number',
    name: 'x.name',
    ownerPersonalId: 'x.owner_personal_id',
    address: 'x.address',
    wardCode: 'x.ward_code',
    lineOfBusiness: 'x.line_of_business',
    registeredOn: 'x.registered_on',
    issuingUnitCode: 'x.issuing_unit_code',
    status: 'x.status::text',
  },
  needs: { owner: ['ownerPersonalId'], ward: ['wardCode'], issuingUnit: ['issuingUnitCode'] },
  // The owner is always read: the access log records whose data left.
  always: ['id', 'ownerPersonalId'],
};

export type Row = Record<string, unknown>;
export { project };

export class BusinessRepository extends SourceRepository {

  /** Businesses of owners, oldest registration first, tagged `__key` = owner personal ID. */
  businessesOfOwners(p: Projection, ids: readonly string[]): Promise<Row[]> {
    return this.run(
      `byOwner:${p.signature}`,
      () => `SELECT x.owner_personal_id AS "__key", ${p.selectList} FROM business.household_businesses x
              WHERE x.owner_personal_id = ANY($1::char(12)[]) ORDER BY x.owner_personal_id, x.registered_on, x.id`,
      [ids],
    );
  }
}
