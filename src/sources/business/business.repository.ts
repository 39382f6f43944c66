/** SQL for the household-business source. */
import type { SourceConnection } from '../../db/index.js';
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
  always: ['id'],
};

export type Row = Record<string, unknown>;
export { project };

export class BusinessRepository {
  private readonly statements = new Map<string, string>();
  constructor(private readonly connection: SourceConnection) {}

  /** Businesses of owners, oldest registration first, tagged `__key` = owner personal ID. */
  businessesOfOwners(p: Projection, ids: readonly string[]): Promise<Row[]> {
    const key = `byOwner:${p.signature}`;
    let text = this.statements.get(key);
    if (text === undefined) {
      text = `SELECT x.owner_personal_id AS "__key", ${p.selectList} FROM business.household_businesses x
               WHERE x.owner_personal_id = ANY($1::char(12)[]) ORDER BY x.owner_personal_id, x.registered_on, x.id`;
      this.statements.set(key, text);
    }
    return this.connection.query(text, [ids]);
  }
}
