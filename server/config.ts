import path from 'node:path';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './connection-gate';

export interface Config {
  host: string;
  port: number;
  /** Plain-HTTP port that redirects to HTTPS; null when not wanted. */
  httpPort: number | null;
  tlsCertFile: string | null;
  tlsKeyFile: string | null;
  /** Where a generated localhost certificate is kept between starts. */
  devCertDir: string;
  /** Base of canonical URLs, sitemap entries and Open Graph URLs, without a trailing slash. */
  publicOrigin: string;
  /** A part of a page's static shell not rendered by then is left out (a widget) or to the browser (an island). */
  renderDeadlineMs: number;
  /** Event-loop lag past which live islands are left for the browser to render; null never. */
  shedLagMs: number | null;
  /** Origins whose pages may open the live feed: PUBLIC_ORIGIN and any listed in FEED_ORIGINS. */
  feedOrigins: string[];
  logLevel: string;
  /** A second TLS port that speaks only HTTP/1.1, for the HTTP/2 page's waterfall lab; null turns it off. */
  h1Port: number | null;
  /** What the waterfall lab's tiles wait before answering, so the difference in queueing shows. */
  tileDelayMs: number;
  /** The Redis every instance shares the feed, view tokens, readers and file versions through; null: one process, in memory. */
  redisUrl: string | null;
  /** Server processes on the one port (node:cluster); more than one needs redisUrl. */
  workers: number;
  /** Set by `npm run dev` (WIREBOOK_DEV=1): the development client build, and pages that reload themselves. */
  dev: boolean;
  /** Idle timeouts and connection caps of both TLS ports. */
  connections: ConnectionLimits;
}

export class ConfigError extends Error {
  readonly code = 'WB_ERR_CONFIG';
}

function portFrom(name: string, value: string | undefined, fallback: number | null): number | null {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`Invalid ${name}: ${JSON.stringify(value)}. It must be a whole number from 0 to 65535.`);
  }
  return port;
}

function originOf(name: string, value: string): string {
  try {
    const origin = new URL(value).origin;
    if (origin !== 'null') return origin;
  } catch {
    // reported below
  }
  throw new ConfigError(
    `Invalid ${name}: ${JSON.stringify(value)}. It must be an absolute URL such as https://wirebook.example.`,
  );
}

/** A whole number from `min` to `max`, or the fallback when unset; otherwise an error naming the variable. */
function wholeNumber(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
  unit = '',
): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(
      `Invalid ${name}: ${JSON.stringify(value)}. It must be a whole number${unit} from ${min} to ${max}.`,
    );
  return n;
}

/** The server's configuration from the environment; every variable is documented in the README. */
export function configFromEnv(env: NodeJS.ProcessEnv, projectRoot: string): Config {
  const port = portFrom('PORT', env.PORT, 8443) as number;
  if ((env.TLS_CERT === undefined) !== (env.TLS_KEY === undefined)) {
    throw new ConfigError(
      'TLS_CERT and TLS_KEY go together: set both, or neither for a generated localhost certificate.',
    );
  }
  const origin = env.PUBLIC_ORIGIN ?? `https://localhost:${port}`;
  const publicOrigin = originOf('PUBLIC_ORIGIN', origin);
  // setTimeout takes at most 2^31 - 1 ms; beyond that Node fires at once.
  const deadline = wholeNumber('RENDER_DEADLINE_MS', env.RENDER_DEADLINE_MS, 3000, 1, 2 ** 31 - 1, ' of milliseconds');
  const tileDelay = wholeNumber('TILE_DELAY_MS', env.TILE_DELAY_MS, 20, 0, 10_000, ' of milliseconds');
  const shedLag = env.SHED_LAG_MS === 'off' ? null : Number(env.SHED_LAG_MS ?? 100);
  if (shedLag !== null && (!Number.isInteger(shedLag) || shedLag < 1 || shedLag > 60_000)) {
    throw new ConfigError(
      `Invalid SHED_LAG_MS: ${JSON.stringify(env.SHED_LAG_MS)}. It must be a whole number of milliseconds from 1 to 60000, or "off".`,
    );
  }
  const h1Port = env.H1_PORT === 'off' ? null : portFrom('H1_PORT', env.H1_PORT, 8444);
  if (h1Port !== null && h1Port !== 0 && h1Port === port)
    throw new ConfigError(`H1_PORT and PORT are both ${port}: the HTTP/1.1-only lab port needs a port of its own.`);
  const redisUrl = env.REDIS_URL === undefined || env.REDIS_URL === '' ? null : redisUrlOf(env.REDIS_URL);
  const workers = wholeNumber('WORKERS', env.WORKERS, 1, 1, 256, ' of processes');
  if (workers > 1 && redisUrl === null) {
    throw new ConfigError(
      `WORKERS=${workers} needs REDIS_URL: the workers are separate processes and share the live wire, view tokens, readers and file versions through Redis. Set REDIS_URL (for example redis://localhost:6379), or unset WORKERS to run one process.`,
    );
  }
  const maxConnections = wholeNumber(
    'MAX_CONNECTIONS',
    env.MAX_CONNECTIONS,
    DEFAULT_CONNECTION_LIMITS.maxConnections,
    1,
    1_000_000,
  );
  const connections: ConnectionLimits = {
    // setTimeout takes at most 2^31 - 1 ms; under a second would cut off slow but honest clients.
    idleTimeoutMs: wholeNumber(
      'IDLE_TIMEOUT_MS',
      env.IDLE_TIMEOUT_MS,
      DEFAULT_CONNECTION_LIMITS.idleTimeoutMs,
      1000,
      2 ** 31 - 1,
      ' of milliseconds',
    ),
    maxConnections,
    maxConnectionsPerAddress: wholeNumber(
      'MAX_CONNECTIONS_PER_ADDRESS',
      env.MAX_CONNECTIONS_PER_ADDRESS,
      Math.min(DEFAULT_CONNECTION_LIMITS.maxConnectionsPerAddress, maxConnections),
      1,
      maxConnections,
    ),
  };
  return {
    host: env.HOST ?? '0.0.0.0',
    port,
    httpPort: portFrom('HTTP_PORT', env.HTTP_PORT, null),
    tlsCertFile: env.TLS_CERT ?? null,
    tlsKeyFile: env.TLS_KEY ?? null,
    devCertDir: path.join(projectRoot, '.cert'),
    publicOrigin,
    renderDeadlineMs: deadline,
    shedLagMs: shedLag,
    feedOrigins: [
      publicOrigin,
      ...(env.FEED_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean)
        .map((o) => originOf('FEED_ORIGINS', o)),
    ],
    logLevel: env.LOG_LEVEL ?? 'info',
    h1Port,
    tileDelayMs: tileDelay,
    redisUrl,
    workers,
    dev: env.WIREBOOK_DEV === '1',
    connections,
  };
}

function redisUrlOf(value: string): string {
  let protocol = '';
  try {
    protocol = new URL(value).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new ConfigError(
      `Invalid REDIS_URL: ${JSON.stringify(value)}. It must be a redis:// or rediss:// URL such as redis://localhost:6379.`,
    );
  }
  return value;
}
