import { createClient, type RedisClientType } from 'redis';
import type { Logger } from './logger';

export type RedisClient = RedisClientType;

/** The instance could not reach the Redis that REDIS_URL names when it started. */
export class RedisUnreachableError extends Error {
  readonly code = 'WB_ERR_REDIS_UNREACHABLE';

  constructor(url: string, cause: unknown) {
    super(
      `Cannot reach Redis at REDIS_URL=${redactedUrl(url)}: ${(cause as Error)?.message || String(cause)}. ` +
        'Start Redis there, point REDIS_URL at a running one, or unset REDIS_URL to run one process without it.',
    );
    this.name = 'RedisUnreachableError';
  }
}

/** State kept in Redis could not be read or written in time: the request gets a 503 with Retry-After. */
export class SharedStateUnavailableError extends Error {
  readonly code = 'WB_ERR_SHARED_STATE_UNAVAILABLE';
  readonly status = 503;
  readonly retryAfterS = 5;

  constructor(what: string, cause: unknown) {
    super(`${what} is kept in Redis, which did not answer in time; try again in a few seconds`, { cause });
    this.name = 'SharedStateUnavailableError';
  }
}

/** The URL with its password (if any) replaced, for messages and logs. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

const RECONNECT_BASE_MS = 100;
const RECONNECT_MAX_MS = 5000;

/** Exponential backoff with jitter, capped: 100 ms, 200 ms, 400 ms… up to 5 s between attempts. */
function redisReconnectDelay(retries: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** retries);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface RedisConnectOptions {
  url: string;
  logger: Logger;
  /** How long the first connection may take before start-up fails. */
  connectTimeoutMs?: number;
  /** Names the connection in CLIENT LIST and in the log. */
  name: string;
}

/**
 * Connects to Redis or fails with a RedisUnreachableError naming REDIS_URL. Once connected, a lost
 * connection is retried with backoff for as long as the process lives; commands issued meanwhile
 * fail at once instead of queueing without bound, and their callers decide what that means.
 */
export async function connectRedis({
  url,
  logger,
  connectTimeoutMs = 5000,
  name,
}: RedisConnectOptions): Promise<RedisClient> {
  let ready = false;
  let reported = false;
  const client: RedisClient = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: connectTimeoutMs,
      reconnectStrategy: (retries, cause) => (ready ? redisReconnectDelay(retries) : cause),
    },
  });
  // Without a listener an 'error' would crash the process; one line per outage is enough.
  client.on('error', (error: Error) => {
    if (!ready || reported) return;
    reported = true;
    logger.warn({ err: error, redis: name }, 'lost the connection to Redis; reconnecting with backoff');
  });
  client.on('ready', () => {
    if (reported) logger.info({ redis: name }, 'reconnected to Redis');
    reported = false;
  });
  try {
    await client.connect();
  } catch (error) {
    throw new RedisUnreachableError(url, error);
  }
  ready = true;
  return client;
}
