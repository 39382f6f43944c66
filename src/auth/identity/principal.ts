/** Who is calling: what a verified token says, and nothing a client could set another way. */
export const ROLES = ['partner', 'counter', 'analyst', 'auditor', 'citizen', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** The officer's identifier at their agency; for a citizen, their 12-digit personal ID. */
  readonly sub: string;
  /** The agency code (claim `agency`), e.g. CA.HBT. */
  readonly agency: string;
  readonly role: Role;
  /** The unit (ward or district) the officer works for (claim `unit`), when the role has one. */
  readonly unit: string | null;
  /** The issuer that vouched for the token (`iss`). */
  readonly issuer: string;
  /** Seconds since the epoch when the token stops being valid (`exp`). */
  readonly expiresAt: number;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
