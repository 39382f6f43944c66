/**
 * The token and purpose a page sends, kept in sessionStorage only: gone when the tab closes, never
 * shared with other tabs, never in localStorage or a cookie. Each page keeps its own, since the
 * counter, the analyst and the citizen are different roles.
 */
import { useCallback, useState } from 'react';

export interface Auth {
  token: string;
  /** The x-purpose header; empty sends none. */
  purpose: string;
}

function read(key: string, fallback: string): string {
  try {
    return sessionStorage.getItem(key) ?? fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: string): void {
  try {
    if (value === '') sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // Storage off: the value lives in the page's state only.
  }
}

export function useAuth(page: string, defaultPurpose: string): [Auth, (next: Partial<Auth>) => void] {
  const [auth, setAuth] = useState<Auth>(() => ({ token: read(`lienthong:${page}:token`, ''), purpose: read(`lienthong:${page}:purpose`, defaultPurpose) }));
  const update = useCallback(
    (next: Partial<Auth>) =>
      setAuth((previous) => {
        const merged = { ...previous, ...next };
        write(`lienthong:${page}:token`, merged.token.trim());
        write(`lienthong:${page}:purpose`, merged.purpose.trim());
        return { token: merged.token.trim(), purpose: merged.purpose.trim() };
      }),
    [page],
  );
  return [auth, update];
}

export interface Claims {
  agency?: string;
  role?: string;
  unit?: string;
  sub?: string;
  exp?: number;
}

/**
 * The token's claims, for display only: the gateway verifies the signature, the page never trusts
 * these. Null when the text is not a JWT.
 */
export function peekClaims(token: string): Claims | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    const claims: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof claims === 'object' && claims !== null ? (claims as Claims) : null;
  } catch {
    return null;
  }
}
