import { randomBytes } from 'node:crypto';
import type { YourConnectionInfo } from '../../shared/feed/protocol';

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
  now?: () => number;
}

/**
 * Unguessable, short-lived tokens that tie a rendered page to the connection that carried it, so
 * the page's feed (on another connection) can be told which events are its reader's own.
 */
export class ViewTokens {
  private readonly tokens = new Map<string, ViewInfo>();
  private readonly ttlMs: number;
  private readonly maxTokens: number;
  private readonly now: () => number;

  constructor({ ttlMs = 10 * 60_000, maxTokens = 10_000, now = Date.now }: ViewTokenOptions = {}) {
    this.ttlMs = ttlMs;
    this.maxTokens = maxTokens;
    this.now = now;
  }

  issue(you: YourConnectionInfo, page: string): string {
    const token = randomBytes(16).toString('base64url');
    this.tokens.set(token, { you, page, issuedAt: this.now() });
    // Map order is insertion order: the first keys are the oldest tokens.
    for (const [old, info] of this.tokens) {
      if (this.tokens.size <= this.maxTokens && this.now() - info.issuedAt <= this.ttlMs) break;
      this.tokens.delete(old);
    }
    return token;
  }

  resolve(token: string): ViewInfo | undefined {
    const info = this.tokens.get(token);
    if (!info) return undefined;
    if (this.now() - info.issuedAt > this.ttlMs) {
      this.tokens.delete(token);
      return undefined;
    }
    return info;
  }

  get size(): number {
    return this.tokens.size;
  }
}
