/**
 * Whose data a request released, noted as it is resolved: every field whose value is a person's
 * record (a citizen, a result, a registration, a certificate, a business) adds the personal IDs
 * the record is about to the request's audit facts. Only records that were actually returned
 * count: a row outside the caller's row rules is never read, a denied field never resolves.
 */
import { type GraphQLFieldResolver, type GraphQLSchema, defaultFieldResolver, getNamedType } from 'graphql';
import { MapperKind, mapSchema } from '@graphql-tools/utils';

/** What the access log needs to know from execution. */
export interface AuditFacts {
  /** Personal IDs whose data was released. */
  readonly subjects: Set<string>;
  /** The case reference a counter gave (`priorResults(caseRef)`). */
  caseRef: string | null;
  /**
   * Set by the audit plugin once this request's record is being committed: true when it is,
   * false if it failed; never rejects (see release-gate.ts). Unset: no record was needed.
   */
  committed?: Promise<boolean>;
}

export interface AuditedContext {
  readonly audit: AuditFacts;
}

type Row = Record<string, unknown>;

/** Per type, the keys of the people a record of it is about (read on every row: see the repositories' `always`). */
const PEOPLE_OF: Readonly<Record<string, (row: Row) => unknown[]>> = {
  Citizen: (r) => [r.personalId],
  AdministrativeResult: (r) => [r.subjectPersonalId],
  BirthRegistration: (r) => [r.childPersonalId],
  MarriageRegistration: (r) => [r.husbandPersonalId, r.wifePersonalId],
  DeathRegistration: (r) => [r.deceasedPersonalId],
  LandCertificate: (r) => (Array.isArray(r.ownerPersonalIds) ? r.ownerPersonalIds : []),
  HouseholdBusiness: (r) => [r.ownerPersonalId],
};

/** The schema with release tracking on every field that returns a person's record, and the counter's case reference noted. */
export function withReleaseTracking(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (config, fieldName, typeName) => {
      const resolve: GraphQLFieldResolver<unknown, AuditedContext> = config.resolve ?? defaultFieldResolver;
      if (typeName === 'Query' && fieldName === 'priorResults') {
        return {
          ...config,
          resolve: async (source, args, ctx, info) => {
            const results = await resolve(source, args, ctx, info);
            // Noted once the resolver has accepted it: a refused case reference is no case.
            ctx.audit.caseRef = typeof args.caseRef === 'string' ? args.caseRef : null;
            return note(results, PEOPLE_OF.AdministrativeResult!, ctx.audit);
          },
        };
      }
      const people = PEOPLE_OF[getNamedType(config.type).name];
      // Types whose records are about several people through their links (a household) are covered by those links.
      if (!people) return config;
      return { ...config, resolve: (source, args, ctx, info) => note(resolve(source, args, ctx, info), people, ctx.audit) };
    },
  });
}

function note(value: unknown, people: (row: Row) => unknown[], audit: AuditFacts): unknown {
  if (value instanceof Promise) return value.then((resolved) => note(resolved, people, audit));
  if (Array.isArray(value)) {
    for (const item of value) note(item, people, audit);
    return value;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Error)) {
    for (const id of people(value as Row)) if (typeof id === 'string' && id !== '') audit.subjects.add(id);
  }
  return value;
}
