/**
 * Requests per agency and time window (rate-limiter-flexible). In memory by default: each replica
 * counts its own. With REDIS_URL the count lives in Redis, so replicas enforce one limit between
 * them; if Redis cannot be reached, each replica falls back to its own in-memory count, so a lost
 * Redis neither stops the gateway nor lifts the limit.
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../log/logger.js';

export interface RateLimitConfig {
  /** Requests an agency may send per window; 0 turns the limit off. */
  readonly requests: number;
  readonly windowSeconds: number;
  /** Share the count through this Redis; null: count in this process. */
  readonly redisUrl: string | null;
  /** Keeps counts apart (tests, or several gateways on one Redis). */
  readonly keyPrefix?: string;
}

export type RateVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export interface AgencyRateLimiter {
  take(agency: string): Promise<RateVerdict>;
  close(): Promise<void>;
}

const ALLOWED: RateVerdict = { allowed: true };

/**
 * `onRefusal` is told of every refusal (metrics); agency codes come from the policy, a bounded set.
 * ioredis is loaded only when a Redis URL is set: a replica without one does not carry it (about
 * 13 MB of resident memory, which counts against PostGraphile's in the benchmark).
 */
export async function createRateLimiter(config: RateLimitConfig, logger: Logger, onRefusal?: (agency: string) => void): Promise<AgencyRateLimiter | null> {
  if (config.requests === 0) return null;
  const options = { points: config.requests, duration: config.windowSeconds, keyPrefix: config.keyPrefix ?? 'lienthong:rate' };
  const memory = new RateLimiterMemory(options);
  let redis: Redis | null = null;
  let limiter: RateLimiterMemory | RateLimiterRedis = memory;
  if (config.redisUrl) {
    // No offline queue: while Redis is away a request falls back at once instead of waiting.
    const { Redis } = await import('ioredis');
    redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    let down = false;
    redis.on('error', (error: Error & { code?: string }) => {
      if (!down) logger.warn({ err: { name: error.name, code: error.code } }, 'rate limits: Redis unreachable, counting per replica until it returns');
      down = true;
    });
    redis.on('ready', () => {
      if (down) logger.info('rate limits: Redis is back, counting across replicas');
      down = false;
    });
    limiter = new RateLimiterRedis({ ...options, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: memory });
  }
  return {
    async take(agency) {
      try {
        await limiter.consume(agency);
        return ALLOWED;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          onRefusal?.(agency);
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        // Neither Redis nor the fallback answered: a limiter fault must not refuse the agency's work.
        logger.error({ err: { name: (rejection as Error | undefined)?.name } }, 'rate limits: no verdict, request let through');
        return ALLOWED;
      }
    },
    async close() {
      redis?.disconnect();
    },
  };
}
