import type { YourConnectionInfo } from '../../shared/feed/protocol';
import { randomPool } from '../random-pool';

export interface ViewInfo {
  you: YourConnectionInfo;
  /** Slug of the page the token was rendered into. */
  page: string;
  issuedAt: number;
}

export interface ViewTokenOptions {
  ttlMs?: number;
  /** Oldest tokens are forgotten first beyond this many. */
  maxTokens?: number;
  /** One connection's oldest tokens are forgotten first beyond this many, so one client cannot push out everyone's. */
  maxTokensPerConnection?: number;
  now?: () => number;
}

/** Issues view tokens at render time (at once, never waiting) and resolves them when a feed subscribes. */
export interface ViewTokenStore {
  issue(you: YourConnectionInfo, page: string): string;
  resolve(token: string): ViewInfo | undefined | Promise<ViewInfo | undefined>;
  /** Tokens this instance holds now. */
  readonly size: number;
}

/**
 * Unguessable, short-lived tokens that tie a rendered page to the connection that carried it, so
 * the page's feed (on another connection) can be told which events are its reader's own.
 */
export class ViewTokens implements ViewTokenStore {
  private readonly tokens = new Map<string, ViewInfo>();
  /** Each connection's live tokens, oldest first. */
  private readonly byConnection = new Map<string, string[]>();
  readonly ttlMs: number;
  private readonly maxTokens: number;
  private readonly maxTokensPerConnection: number;
  private readonly now: () => number;

  constructor({
    ttlMs = 10 * 60_000,
    maxTokens = 50_000,
    maxTokensPerConnection = 32,
    now = Date.now,
  }: ViewTokenOptions = {}) {
    this.ttlMs = ttlMs;
    this.maxTokens = maxTokens;
    this.maxTokensPerConnection = maxTokensPerConnection;
    this.now = now;
  }

  issue(you: YourConnectionInfo, page: string): string {
    const token = randomPool.take(16, 'base64url');
    this.tokens.set(token, { you, page, issuedAt: this.now() });
    const own = (this.byConnection.get(you.connection) ?? []).filter((t) => this.tokens.has(t));
    own.push(token);
    while (own.length > this.maxTokensPerConnection) this.tokens.delete(own.shift() as string);
    this.byConnection.set(you.connection, own);
    // Map order is insertion order: the first keys are the oldest tokens.
    for (const [old, info] of this.tokens) {
      if (this.tokens.size <= this.maxTokens && this.now() - info.issuedAt <= this.ttlMs) break;
      this.forget(old, info);
    }
    return token;
  }

  resolve(token: string): ViewInfo | undefined {
    const info = this.tokens.get(token);
    if (!info) return undefined;
    if (this.now() - info.issuedAt > this.ttlMs) {
      this.forget(token, info);
      return undefined;
    }
    return info;
  }

  private forget(token: string, info: ViewInfo): void {
    this.tokens.delete(token);
    const own = this.byConnection.get(info.you.connection)?.filter((t) => t !== token);
    if (own && own.length > 0) this.byConnection.set(info.you.connection, own);
    else this.byConnection.delete(info.you.connection);
  }

  get size(): number {
    return this.tokens.size;
  }
}
