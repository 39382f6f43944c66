import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { ConfigError } from '../../src/errors/index.js';

function problems(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env, '/srv/lt');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('CONFIG_INVALID');
    return (error as ConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('defaults to embedded PGlite in ./data and port 4000', () => {
    const config = loadConfig({}, '/srv/lt');
    expect(config.dataDir).toBe('/srv/lt/data');
    expect(config.storage.land).toEqual({ kind: 'pglite', dataDir: '/srv/lt/data' });
    expect(config.server.port).toBe(4000);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.storage.land)).toBe(true);
  });

  it('sends every source to DATABASE_URL and one source to its own server', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://a@db1:5432/lt', LAND_DATABASE_URL: 'postgresql://b@db2/land' }, '/');
    expect(config.storage.population).toEqual({ kind: 'postgres', url: 'postgres://a@db1:5432/lt' });
    expect(config.storage.land).toEqual({ kind: 'postgres', url: 'postgresql://b@db2/land' });
  });

  it('names the variable and what was expected for a malformed number', () => {
    expect(problems({ PORT: 'eighty' })).toEqual(['PORT: expected a whole number from 1 to 65535, got "eighty"']);
    expect(problems({ PORT: '70000' })[0]).toMatch(/^PORT: expected a whole number from 1 to 65535/);
  });

  it('reports every problem at once', () => {
    const found = problems({ PORT: '0', LOG_LEVEL: 'loud', NODE_ENV: 'prod' });
    expect(found).toHaveLength(3);
    expect(found.join('\n')).toMatch(/PORT/);
    expect(found.join('\n')).toMatch(/LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"/);
    expect(found.join('\n')).toMatch(/NODE_ENV/);
  });

  it('refuses a database URL without echoing it (it may hold a password)', () => {
    const [problem] = problems({ LAND_DATABASE_URL: 'mysql://user:s3cret@host/db' });
    expect(problem).toMatch(/^LAND_DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(problem).not.toContain('s3cret');
    const [noUrl] = problems({ DATABASE_URL: 'not a url s3cret' });
    expect(noUrl).toMatch(/^DATABASE_URL:/);
    expect(noUrl).not.toContain('s3cret');
    expect(problems({ DATABASE_URL: 'postgres://host:5432' })[0]).toMatch(/names no database/);
  });

  it('reads the rate limits and a Redis URL, refusing another scheme without echoing it', () => {
    expect(loadConfig({}, '/').rateLimit).toEqual({ requests: 6000, windowSeconds: 60, redisUrl: null, keyPrefix: 'lienthong:rate' });
    expect(loadConfig({ RATE_LIMIT_REQUESTS: '0', REDIS_URL: 'redis://:pw@cache:6379', RATE_LIMIT_KEY_PREFIX: 'hn:prod' }, '/').rateLimit).toEqual({ requests: 0, windowSeconds: 60, redisUrl: 'redis://:pw@cache:6379', keyPrefix: 'hn:prod' });
    expect(problems({ RATE_LIMIT_KEY_PREFIX: 'has space' })[0]).toMatch(/^RATE_LIMIT_KEY_PREFIX: expected 1 to 64/);
    const [problem] = problems({ REDIS_URL: 'http://user:s3cret@cache' });
    expect(problem).toMatch(/^REDIS_URL: expected a redis:\/\/ or rediss:\/\/ URL/);
    expect(problem).not.toContain('s3cret');
    expect(loadConfig({ LIMIT_DEPTH: '20' }, '/').limits.depth).toBe(20);
  });

  it('reads the shutdown timings, the drain delay shorter than the deadline', () => {
    expect(loadConfig({}, '/').shutdown).toEqual({ timeoutMs: 25_000, delayMs: 0 });
    expect(loadConfig({ SHUTDOWN_TIMEOUT_MS: '40000', SHUTDOWN_DELAY_MS: '5000' }, '/').shutdown).toEqual({ timeoutMs: 40_000, delayMs: 5_000 });
    expect(problems({ SHUTDOWN_DELAY_MS: '30000' })).toEqual(['SHUTDOWN_DELAY_MS: must be shorter than SHUTDOWN_TIMEOUT_MS (the drain delay counts against the deadline)']);
    expect(problems({ SHUTDOWN_TIMEOUT_MS: '10' })[0]).toMatch(/^SHUTDOWN_TIMEOUT_MS: expected a whole number from 1000 to 600000/);
  });

  it('executes compiled unless COMPILED_EXECUTION=off, and refuses another value', () => {
    expect(loadConfig({}, '/').compiledExecution).toBe(true);
    expect(loadConfig({ COMPILED_EXECUTION: 'off' }, '/').compiledExecution).toBe(false);
    expect(problems({ COMPILED_EXECUTION: 'jit' })[0]).toMatch(/^COMPILED_EXECUTION: /);
  });

  it('truncates a long bad value in its message', () => {
    const [problem] = problems({ PORT: '9'.repeat(10_000) });
    expect(problem!.length).toBeLessThan(200);
  });
});
