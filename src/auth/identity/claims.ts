/**
 * The formats of what a token may say about its holder. One place, so the verifier, the dev
 * signer and the `token` command agree on what a well-formed agency, unit or subject is.
 */

/** Agency and unit codes: upper-case letters, digits and `._-`, e.g. `CA.HBT`, `HBT.NGUYENDU.2020`. */
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,31}$/;

/** Key ids the verifier will look up: bounded, and nothing that could break a log line. */
export const KID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** A citizen's subject is their 12-digit personal ID (CCCD). */
export const CITIZEN_SUB_PATTERN = /^\d{12}$/;

/** Any other subject: 1 to 256 characters, no whitespace or control characters. */
export const SUB_PATTERN = /^[^\s\p{Cc}]{1,256}$/u;

/** Whether `value` is a well-formed agency or unit code. */
export function isCode(value: unknown): value is string {
  return typeof value === 'string' && CODE_PATTERN.test(value);
}

/** Whether `sub` is acceptable for `role`: 12 digits for a citizen, a bounded identifier otherwise. */
export function isSubjectFor(role: string, sub: unknown): sub is string {
  if (typeof sub !== 'string') return false;
  return role === 'citizen' ? CITIZEN_SUB_PATTERN.test(sub) : SUB_PATTERN.test(sub);
}
