import { randomBytes } from 'node:crypto';

/**
 * Random bytes from the CSPRNG, drawn in batches: one call per 4 KiB rather than one per nonce or
 * token, which matters at thousands of pages a second. Each byte is handed out once.
 */
export class RandomPool {
  private pool: Buffer = Buffer.alloc(0);
  private at = 0;

  constructor(private readonly batchBytes = 4096) {}

  /** `n` fresh random bytes as base64 (`url`: base64url). */
  take(n: number, encoding: 'base64' | 'base64url'): string {
    if (this.at + n > this.pool.length) {
      this.pool = randomBytes(Math.max(this.batchBytes, n));
      this.at = 0;
    }
    const text = this.pool.toString(encoding, this.at, this.at + n);
    this.at += n;
    return text;
  }
}

/** The server's one pool: CSP nonces, view tokens. */
export const randomPool = new RandomPool();
