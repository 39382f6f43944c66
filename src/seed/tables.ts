/**
 * The tables the generator fills, with the order in which it emits each row's values. Column
 * names come from the drizzle tables, so a renamed column cannot drift from the generator; a
 * test checks that every table's columns are all listed.
 */
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { SourceName } from '../config/index.js';
import { quoteIdent } from '../db/identifiers.js';
import { householdBusinesses } from '../sources/business/business.tables.js';
import { births, deaths, marriages } from '../sources/civil/civil.tables.js';
import { certificateOwners, certificates } from '../sources/land/land.tables.js';
import { citizens, households, unitLineage, units } from '../sources/population/population.tables.js';
import { documents, procedures, results } from '../sources/records/records.tables.js';

interface SeedTableDef<T extends PgTable> {
  source: SourceName;
  table: T;
  columns: ReadonlyArray<keyof T['$inferInsert'] & string>;
}

const def = <T extends PgTable>(source: SourceName, table: T, columns: ReadonlyArray<keyof T['$inferInsert'] & string>): SeedTableDef<T> => ({
  source,
  table,
  columns,
});

export const SEED_TABLES = {
  units: def('population', units, ['code', 'name', 'level', 'parentCode', 'validFrom', 'validTo']),
  unitLineage: def('population', unitLineage, ['predecessorCode', 'successorCode', 'effectiveOn', 'kind', 'share', 'note']),
  households: def('population', households, ['id', 'headPersonalId', 'address', 'wardCode', 'registeredOn']),
  citizens: def('population', citizens, [
    'personalId', 'fullName', 'dateOfBirth', 'sex', 'ethnicity', 'nationality', 'homeTown', 'permanentAddress', 'permanentWardCode',
    'currentAddress', 'currentWardCode', 'householdId', 'relationToHead', 'fatherId', 'motherId', 'spouseId', 'alive', 'dateOfDeath',
  ]),
  procedures: def('records', procedures, ['code', 'name', 'nameEn', 'domain', 'level', 'validityMonths']),
  results: def('records', results, [
    'id', 'dossierCode', 'procedureCode', 'subjectPersonalId', 'issuingUnitCode', 'decisionNumber', 'issuedOn', 'validUntil', 'status',
    'digitizedOn', 'pageCount',
  ]),
  documents: def('records', documents, ['id', 'resultId', 'fileName', 'mimeType', 'sizeBytes', 'sha256', 'pageCount']),
  births: def('civil', births, [
    'id', 'registeringUnitCode', 'registeredOn', 'bookNumber', 'entryNumber', 'childPersonalId', 'childName', 'dateOfBirth', 'placeOfBirth',
    'fatherPersonalId', 'motherPersonalId',
  ]),
  marriages: def('civil', marriages, ['id', 'registeringUnitCode', 'registeredOn', 'bookNumber', 'entryNumber', 'husbandPersonalId', 'wifePersonalId']),
  deaths: def('civil', deaths, ['id', 'registeringUnitCode', 'registeredOn', 'bookNumber', 'entryNumber', 'deceasedPersonalId', 'dateOfDeath', 'placeOfDeath']),
  certificates: def('land', certificates, [
    'id', 'certificateNumber', 'issuedOn', 'issuingUnitCode', 'mapSheet', 'parcelNumber', 'address', 'wardCode', 'areaM2', 'landUse',
  ]),
  certificateOwners: def('land', certificateOwners, ['certificateId', 'ownerPersonalId']),
  householdBusinesses: def('business', householdBusinesses, [
    'id', 'registrationNumber', 'name', 'ownerPersonalId', 'address', 'wardCode', 'lineOfBusiness', 'registeredOn', 'issuingUnitCode', 'status',
  ]),
} as const;

export type SeedTable = keyof typeof SEED_TABLES;

/** Load order: parents before children (foreign keys inside a source). */
export const SEED_ORDER: readonly SeedTable[] = Object.keys(SEED_TABLES) as SeedTable[];

export function qualifiedName(name: SeedTable): string {
  const config = getTableConfig(SEED_TABLES[name].table);
  return `${quoteIdent(config.schema ?? 'public')}.${quoteIdent(config.name)}`;
}

export function sqlColumns(name: SeedTable): string[] {
  const table = SEED_TABLES[name].table as unknown as Record<string, { name: string }>;
  return SEED_TABLES[name].columns.map((key) => (table[key] as { name: string }).name);
}
