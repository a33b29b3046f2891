import type { Request } from 'express';

export type ContentCoding = 'br' | 'gzip';

/**
 * The best of `available` that the request's Accept-Encoding allows, in the server's order of
 * preference (br, then gzip) rather than the client's listing order; null for identity.
 */
export function preferredEncoding(req: Request, available: readonly ContentCoding[]): ContentCoding | null {
  if (!req.headers['accept-encoding']) return null;
  return available.find((coding) => req.acceptsEncodings(coding) === coding) ?? null;
}
