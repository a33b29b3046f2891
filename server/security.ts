import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';
import { requestHostname } from './host';

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

/** Security headers on every response, and a fresh CSP nonce in `res.locals.nonce`. */
export function securityHeaders(h1Port: () => number | null = () => null): RequestHandler {
  return (req, res, next) => {
    const nonce = randomBytes(16).toString('base64');
    res.locals.nonce = nonce;
    // The exact origin, not https://*:port: a wildcard host matches no IP address in CSP3.
    const port = h1Port();
    const hostname = requestHostname(req);
    res.set({
      'Content-Security-Policy': contentSecurityPolicy(
        nonce,
        port !== null && hostname !== null ? `https://${hostname}:${port}` : null,
      ),
      'Strict-Transport-Security': 'max-age=31536000',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
    next();
  };
}
