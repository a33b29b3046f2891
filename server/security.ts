import type { RequestHandler } from 'express';
import { requestHostname } from './host';
import { randomPool } from './random-pool';

/**
 * The Content-Security-Policy of a response whose scripts carry `nonce`. `h1Origin` is the
 * HTTP/1.1-only lab port on the host the page was served from, which the page fetches tiles from.
 */
export function contentSecurityPolicy(nonce: string, h1Origin: string | null = null): string {
  return [
    "default-src 'self'",
    // Only scripts with this response's nonce run; scripts they load inherit the trust.
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    // SVG diagrams and progress bars set style attributes; they cannot run code.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    h1Origin === null ? "connect-src 'self'" : `connect-src 'self' ${h1Origin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const NONCE_SLOT = '\u0000';
/** The CSP around its nonce, per lab origin: a few hosts at most, so a handful of entries; never more than 16. */
const policyParts = new Map<string | null, [string, string]>();
function policyAround(h1Origin: string | null): [string, string] {
  let parts = policyParts.get(h1Origin);
  if (!parts) {
    if (policyParts.size >= 16) policyParts.clear();
    parts = contentSecurityPolicy(NONCE_SLOT, h1Origin).split(NONCE_SLOT) as [string, string];
    policyParts.set(h1Origin, parts);
  }
  return parts;
}

/** Security headers on every response, and a fresh CSP nonce in `res.locals.nonce`. */
export function securityHeaders(h1Port: () => number | null = () => null): RequestHandler {
  return (req, res, next) => {
    const nonce = randomPool.take(16, 'base64');
    res.locals.nonce = nonce;
    // The exact origin, not https://*:port: a wildcard host matches no IP address in CSP3.
    const port = h1Port();
    const hostname = port === null ? null : requestHostname(req);
    const [before, after] = policyAround(port !== null && hostname !== null ? `https://${hostname}:${port}` : null);
    res.setHeader('Content-Security-Policy', before + nonce + after);
    res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    next();
  };
}
