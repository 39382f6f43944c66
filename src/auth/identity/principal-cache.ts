import type { Principal } from './principal.js';

/**
 * A small LRU from the exact token string to the principal it was verified as.
 *
 * Why this is safe: a signature check is a pure function of the token's bytes and the key, so
 * the same bytes verify the same way again; what can change with time is re-checked on every
 * hit: an entry is used only inside the window `[from, until)`, where `from` is the later of
 * `iat` and `nbf` and `until` the earliest of `exp`, `iat + maxTokenAge` and the verification
 * time plus `maxAgeSeconds`. That window is strictly inside what a full verification accepts
 * (no clock tolerance is applied to a hit), so a hit never accepts a token that jose would refuse
 * at that instant. The `maxAgeSeconds` bound limits how long a key removed from a remote JWKS
 * still vouches for tokens already seen: about as long as jose itself caches the JWKS.
 * Only verified tokens are stored, so a client cannot fill the cache with garbage.
 */
export class PrincipalCache {
  readonly #entries = new Map<string, CacheEntry>();

  /**
   * @param capacity at most this many tokens are kept (0 turns the cache off).
   * @param maxAgeSeconds an entry is reused at most this long after its verification.
   */
  constructor(
    private readonly capacity: number,
    private readonly maxAgeSeconds: number,
  ) {}

  /** The principal verified for `token`, if its window contains `nowSeconds`. */
  get(token: string, nowSeconds: number): Principal | undefined {
    const entry = this.#entries.get(token);
    if (entry === undefined) return undefined;
    if (nowSeconds < entry.from || nowSeconds >= entry.until) {
      // Outside the window: verify afresh (which may still accept within the clock tolerance).
      if (nowSeconds >= entry.until) this.#entries.delete(token);
      return undefined;
    }
    // Re-insert to mark it most recently used (a Map iterates in insertion order).
    this.#entries.delete(token);
    this.#entries.set(token, entry);
    return entry.principal;
  }

  /** Remembers a principal just verified at `verifiedAt` (seconds) from these claims. */
  set(token: string, principal: Principal, claims: WindowClaims, verifiedAt: number, maxTokenAgeSeconds: number): void {
    if (this.capacity === 0) return;
    const from = Math.max(claims.iat, claims.nbf ?? claims.iat);
    const until = Math.min(claims.exp, claims.iat + maxTokenAgeSeconds, verifiedAt + this.maxAgeSeconds);
    if (until <= from) return;
    this.#entries.delete(token);
    this.#entries.set(token, { principal, from, until });
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) break;
      this.#entries.delete(oldest.value);
    }
  }

  /** How many tokens are held (for tests). */
  get size(): number {
    return this.#entries.size;
  }
}

/** The time claims of a verified token, in seconds since the epoch. */
export interface WindowClaims {
  readonly iat: number;
  readonly exp: number;
  readonly nbf?: number | undefined;
}

interface CacheEntry {
  readonly principal: Principal;
  readonly from: number;
  readonly until: number;
}
