import type { YourConnectionInfo } from '../../shared/feed/protocol';
import type { RedisClient } from '../redis';
import type { ViewInfo, ViewTokens, ViewTokenStore } from './view-tokens';

export interface RedisViewTokensOptions {
  /** This instance's own tokens: the render path issues here, and resolving tries here first. */
  local: ViewTokens;
  client: RedisClient;
  prefix?: string;
  /** How long resolving a token another instance issued may wait on Redis; past it, the token is unknown. */
  resolveTimeoutMs?: number;
  /** Token writes waiting for Redis beyond this many are not sent: the page still works, only "this is you" is lost. */
  maxPending?: number;
}

/**
 * View tokens every instance can resolve: issued into this instance's memory at once (a render
 * never waits), and copied to Redis with the same time to live, so the page's feed may land on any
 * instance and still be told which connection is its reader's.
 */
export class RedisViewTokens implements ViewTokenStore {
  private readonly local: ViewTokens;
  private readonly client: RedisClient;
  private readonly prefix: string;
  private readonly resolveTimeoutMs: number;
  private readonly maxPending: number;
  private pending = 0;

  constructor({
    local,
    client,
    prefix = 'wirebook:',
    resolveTimeoutMs = 500,
    maxPending = 1000,
  }: RedisViewTokensOptions) {
    this.local = local;
    this.client = client;
    this.prefix = prefix;
    this.resolveTimeoutMs = resolveTimeoutMs;
    this.maxPending = maxPending;
  }

  issue(you: YourConnectionInfo, page: string): string {
    const token = this.local.issue(you, page);
    const info = this.local.resolve(token) as ViewInfo;
    if (this.client.isReady && this.pending < this.maxPending) {
      this.pending++;
      this.client
        .set(this.key(token), JSON.stringify(info), { expiration: { type: 'PX', value: this.local.ttlMs } })
        .catch(() => undefined)
        .finally(() => this.pending--);
    }
    return token;
  }

  async resolve(token: string): Promise<ViewInfo | undefined> {
    const own = this.local.resolve(token);
    if (own || !this.client.isReady) return own;
    try {
      const stored = await this.client
        .withCommandOptions({ timeout: this.resolveTimeoutMs, rejectInFlight: true })
        .get(this.key(token));
      return stored ? (JSON.parse(stored) as ViewInfo) : undefined;
    } catch {
      return undefined; // Redis slow or gone: the reader is not told which connection is theirs, nothing worse
    }
  }

  get size(): number {
    return this.local.size;
  }

  private key(token: string): string {
    return `${this.prefix}token:${token}`;
  }
}
