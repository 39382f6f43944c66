/**
 * The compiled form of a policy file (see policy/default.yaml and docs in README "Authorization").
 * Everything here is read-only and computed once at start; a request only looks things up.
 */
import type { Role } from '../identity/principal.js';

/** How a granted field's value is disguised for a role (Apache Ranger's masks, per field). */
export const MASK_KINDS = ['partial', 'yearOnly', 'hash', 'null'] as const;
export type MaskKind = (typeof MASK_KINDS)[number];

/**
 * Jurisdiction in today's units: `unit` means the unit in the caller's token; otherwise a list
 * of today's unit codes. Resolved through the unit lineage at request time.
 */
export type Jurisdiction = 'unit' | readonly string[];

/** Row rules on results, pushed into the records source's SQL. */
export interface ResultRowRule {
  readonly jurisdiction?: Jurisdiction;
  /** Procedure domains, e.g. LAND, CONSTRUCTION. */
  readonly domains?: readonly string[];
  /** Result statuses, e.g. VALID. */
  readonly statuses?: readonly string[];
  /** `self`: only results whose subject is the caller (a citizen). */
  readonly subject?: 'self';
}

/** Row rules on citizens, pushed into the population source's SQL. */
export interface CitizenRowRule {
  /** Citizens whose current residence is in these of today's units. */
  readonly jurisdiction?: Jurisdiction;
  /** `self`: only the caller's own record (a citizen). */
  readonly subject?: 'self';
}

export interface RowRules {
  readonly AdministrativeResult?: ResultRowRule;
  readonly Citizen?: CitizenRowRule;
}

/** What one role of one agency may do: the unit of decision for every request. */
export interface Grant {
  /** `<agency>/<role>`: names the grant in logs, caches and the check table. */
  readonly key: string;
  readonly agency: string;
  readonly agencyName: string;
  readonly role: Role;
  /** Purposes this role may declare in `x-purpose`. */
  readonly purposes: ReadonlySet<string>;
  /** Coordinates (`Type.field`) it may read, masked ones included. Anything else is denied. */
  readonly fields: ReadonlySet<string>;
  /** Masks of granted coordinates. */
  readonly masks: ReadonlyMap<string, MaskKind>;
  readonly rows: RowRules;
  /** Whether introspection is allowed in production (elsewhere every role may introspect its own view). */
  readonly introspection: boolean;
  /**
   * Whether it may send documents of its own making. Without it, where trusted documents are
   * required (production), it runs only the documents registered for its agency.
   */
  readonly adHocDocuments: boolean;
}

export interface FieldCategory {
  readonly name: string;
  readonly description: string;
  /** Whether its fields are personal data: reading one needs a declared purpose. */
  readonly personal: boolean;
  readonly fields: ReadonlySet<string>;
}

export interface PolicyAgency {
  readonly name: string;
  readonly grants: ReadonlyMap<Role, Grant>;
  /**
   * Days for which the agency's access records stay hidden from the citizens concerned (an open
   * investigation); 0 shows them at once. Auditors always see them.
   */
  readonly accessLogDeferralDays: number;
}

export interface Policy {
  /** Where it was read from (for messages). */
  readonly file: string;
  readonly purposes: ReadonlyMap<string, string>;
  readonly categories: ReadonlyMap<string, FieldCategory>;
  /** Coordinate → its category name. */
  readonly categoryOf: ReadonlyMap<string, string>;
  readonly agencies: ReadonlyMap<string, PolicyAgency>;
  /**
   * Coordinates of the schema that belong to no category, sorted. Loading does not fail on them
   * (a new schema field must not stop the gateway), but no grant can include them: the grants are
   * allow-lists, so they are denied to everyone until the policy classifies them.
   */
  readonly unclassified: readonly string[];
  /** k of the analysts' small-cell rule: aggregate cells counting fewer rows are suppressed. */
  readonly minCellCount: number;
}
