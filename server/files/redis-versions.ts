import { SharedStateUnavailableError, type RedisClient } from '../redis';
import type { Version, VersionStore } from './changing-files';

export interface RedisVersionsOptions {
  client: RedisClient;
  prefix?: string;
  /** A reader's file returns to its first version after this long unused. */
  ttlMs?: number;
  /** How long a request waits on Redis before it is answered 503. */
  timeoutMs?: number;
}

/**
 * The changing files' versions in Redis, so a download resumed on another instance meets the same
 * ETag and If-Range decides the same. A hash per reader (`changes`, `at`) that expires when unused.
 */
export class RedisVersions implements VersionStore {
  private readonly client: RedisClient;
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly timeoutMs: number;

  constructor({ client, prefix = 'wirebook:', ttlMs = 30 * 60_000, timeoutMs = 1000 }: RedisVersionsOptions) {
    this.client = client;
    this.prefix = prefix;
    this.ttlMs = ttlMs;
    this.timeoutMs = timeoutMs;
  }

  current(reader: string): Promise<Version> {
    const key = this.key(reader);
    return this.run((client) => client.multi().hmGet(key, ['changes', 'at']).pExpire(key, this.ttlMs).exec());
  }

  change(reader: string): Promise<Version> {
    const key = this.key(reader);
    return this.run((client) =>
      client
        .multi()
        .hIncrBy(key, 'changes', 1)
        .hSet(key, 'at', String(Date.now()))
        .pExpire(key, this.ttlMs)
        .hmGet(key, ['changes', 'at'])
        .exec(),
    );
  }

  /** Runs a transaction whose last hmGet reply is the version; any failure or timeout is a 503. */
  private async run(transaction: (client: RedisClient) => Promise<unknown[]>): Promise<Version> {
    try {
      const replies = await transaction(
        this.client.withCommandOptions({ timeout: this.timeoutMs, rejectInFlight: true }) as RedisClient,
      );
      const [changes, at] = replies.find(Array.isArray) as (string | null)[];
      return { version: 1 + Number(changes ?? 0), changedAt: Number(at ?? 0) };
    } catch (error) {
      throw new SharedStateUnavailableError("This reader's changing file", error);
    }
  }

  private key(reader: string): string {
    return `${this.prefix}changing:${reader}`;
  }
}
