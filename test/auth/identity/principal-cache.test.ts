import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../src/auth/identity/index.js';
import { PrincipalCache } from '../../../src/auth/identity/principal-cache.js';

const principal = (sub: string): Principal => ({ sub, agency: 'CA.HBT', role: 'counter', unit: null, issuer: 'lienthong-dev', expiresAt: 2000 });
const window = { iat: 1000, nbf: 1000, exp: 2000 };

describe('PrincipalCache', () => {
  it('keeps at most its capacity, evicting the least recently used', () => {
    const cache = new PrincipalCache(2, 300);
    cache.set('a', principal('a'), window, 1000, 43_200);
    cache.set('b', principal('b'), window, 1000, 43_200);
    expect(cache.get('a', 1001)?.sub).toBe('a'); // now b is the least recently used
    cache.set('c', principal('c'), window, 1000, 43_200);
    expect(cache.size).toBe(2);
    expect(cache.get('b', 1001)).toBeUndefined();
    expect(cache.get('a', 1001)?.sub).toBe('a');
    expect(cache.get('c', 1001)?.sub).toBe('c');
  });

  it('serves an entry only inside [max(iat, nbf), min(exp, iat + max age, verified + cache age))', () => {
    const cache = new PrincipalCache(10, 300);
    cache.set('t', principal('t'), { iat: 1000, nbf: 1100, exp: 2000 }, 1100, 43_200);
    expect(cache.get('t', 1099)).toBeUndefined();
    expect(cache.get('t', 1100)?.sub).toBe('t');
    expect(cache.get('t', 1399)?.sub).toBe('t');
    expect(cache.get('t', 1400)).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.set('u', principal('u'), { iat: 1000, exp: 5000 }, 1000, 100);
    expect(cache.get('u', 1099)?.sub).toBe('u');
    expect(cache.get('u', 1100)).toBeUndefined();
  });

  it('stores nothing with capacity 0', () => {
    const cache = new PrincipalCache(0, 300);
    cache.set('a', principal('a'), window, 1000, 43_200);
    expect(cache.get('a', 1001)).toBeUndefined();
  });
});
