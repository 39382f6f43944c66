import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { ConfigError } from '../../../src/errors/index.js';

function problems(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env, '/srv/lt');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

const ISSUER = 'https://id.hanoi.gov.vn';

describe('loadConfig: auth', () => {
  it('defaults: dev key only, audience lienthong, 30 s tolerance, 12 h token age', () => {
    const { auth } = loadConfig({}, '/srv/lt');
    expect(auth).toEqual({ issuer: null, audience: 'lienthong', clockToleranceSeconds: 30, maxTokenAgeSeconds: 43_200, devKeys: true });
    expect(Object.isFrozen(auth)).toBe(true);
  });

  it('reads an issuer with a remote JWKS, and one with a JWKS file resolved against the working directory', () => {
    const remote = loadConfig({ AUTH_ISSUER: ISSUER, AUTH_JWKS_URL: 'https://id.hanoi.gov.vn/.well-known/jwks.json' }, '/srv/lt');
    expect(remote.auth.issuer).toEqual({ name: ISSUER, jwks: { kind: 'remote', url: 'https://id.hanoi.gov.vn/.well-known/jwks.json' } });
    const file = loadConfig({ AUTH_ISSUER: ISSUER, AUTH_JWKS_FILE: 'keys/issuer.jwks.json', AUTH_AUDIENCE: 'lienthong-hn' }, '/srv/lt');
    expect(file.auth.issuer).toEqual({ name: ISSUER, jwks: { kind: 'file', path: '/srv/lt/keys/issuer.jwks.json' } });
    expect(file.auth.audience).toBe('lienthong-hn');
  });

  it('allows http only for a JWKS on this machine', () => {
    expect(loadConfig({ AUTH_ISSUER: ISSUER, AUTH_JWKS_URL: 'http://127.0.0.1:8080/jwks' }, '/').auth.issuer?.jwks.kind).toBe('remote');
    expect(loadConfig({ AUTH_ISSUER: ISSUER, AUTH_JWKS_URL: 'http://localhost/jwks' }, '/').auth.issuer?.jwks.kind).toBe('remote');
    expect(problems({ AUTH_ISSUER: ISSUER, AUTH_JWKS_URL: 'http://id.hanoi.gov.vn/jwks' })).toEqual([
      'AUTH_JWKS_URL: expected an https:// URL (http:// only for 127.0.0.1 or localhost), got the scheme "http:"',
    ]);
    const [credentials] = problems({ AUTH_ISSUER: ISSUER, AUTH_JWKS_URL: 'https://user:s3cret@id.hanoi.gov.vn/jwks' });
    expect(credentials).toMatch(/^AUTH_JWKS_URL: the URL must not carry credentials/);
    expect(credentials).not.toContain('s3cret');
    expect(problems({ AUTH_ISSUER: ISSUER, AUTH_JWKS_URL: 'not a url s3cret' })[0]).not.toContain('s3cret');
  });

  it('caps the clock tolerance at 60 seconds', () => {
    expect(loadConfig({ AUTH_CLOCK_TOLERANCE_S: '60' }, '/').auth.clockToleranceSeconds).toBe(60);
    expect(loadConfig({ AUTH_CLOCK_TOLERANCE_S: '0' }, '/').auth.clockToleranceSeconds).toBe(0);
    expect(problems({ AUTH_CLOCK_TOLERANCE_S: '61' })).toEqual(['AUTH_CLOCK_TOLERANCE_S: expected a whole number from 0 to 60, got "61"']);
  });

  it('validates the maximum token age and the audience', () => {
    expect(loadConfig({ AUTH_MAX_TOKEN_AGE_S: '3600' }, '/').auth.maxTokenAgeSeconds).toBe(3600);
    expect(problems({ AUTH_MAX_TOKEN_AGE_S: '12h' })[0]).toMatch(/^AUTH_MAX_TOKEN_AGE_S: expected a whole number from 60 to 604800/);
    expect(problems({ AUTH_AUDIENCE: 'two words' })[0]).toMatch(/^AUTH_AUDIENCE: expected 1 to 256 printable characters without spaces/);
  });

  it('needs an issuer and exactly one source of keys, together', () => {
    expect(problems({ AUTH_ISSUER: ISSUER })).toEqual(["AUTH_ISSUER: needs AUTH_JWKS_URL or AUTH_JWKS_FILE (the issuer's public keys)"]);
    expect(problems({ AUTH_JWKS_FILE: 'jwks.json' })).toEqual(['AUTH_JWKS_FILE: needs AUTH_ISSUER (the issuer these keys belong to)']);
    expect(problems({ AUTH_JWKS_URL: 'https://id.hanoi.gov.vn/jwks' })).toEqual(['AUTH_JWKS_URL: needs AUTH_ISSUER (the issuer these keys belong to)']);
    expect(problems({ AUTH_ISSUER: ISSUER, AUTH_JWKS_URL: 'https://id.hanoi.gov.vn/jwks', AUTH_JWKS_FILE: 'jwks.json' })).toEqual([
      'AUTH_JWKS_URL, AUTH_JWKS_FILE: set one or the other, not both',
    ]);
    expect(problems({ AUTH_ISSUER: 'lienthong-dev', AUTH_JWKS_FILE: 'jwks.json' })[0]).toMatch(/reserved for the local dev key/);
  });

  it('in production, requires a configured issuer and turns the dev key off', () => {
    expect(problems({ NODE_ENV: 'production', AUDIT_SIGNING_KEY_FILE: 'audit.jwk' })).toEqual([
      'AUTH_ISSUER, AUTH_JWKS_URL or AUTH_JWKS_FILE: required with NODE_ENV=production (local dev keys are refused: only configured issuers count)',
    ]);
    expect(problems({ NODE_ENV: 'production', AUTH_ISSUER: ISSUER })[0]).toMatch(/^AUTH_ISSUER: needs AUTH_JWKS_URL or AUTH_JWKS_FILE/);
    const config = loadConfig({ NODE_ENV: 'production', AUTH_ISSUER: ISSUER, AUTH_JWKS_URL: 'https://id.hanoi.gov.vn/jwks', AUDIT_SIGNING_KEY_FILE: 'audit.jwk' }, '/');
    expect(config.auth.devKeys).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }, '/').auth.devKeys).toBe(true);
  });

  it('reports auth problems together with every other problem', () => {
    const found = problems({ PORT: 'eighty', AUTH_CLOCK_TOLERANCE_S: '90', AUTH_ISSUER: ISSUER });
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/PORT[\s\S]*AUTH_CLOCK_TOLERANCE_S[\s\S]*AUTH_ISSUER: needs/);
  });
});
