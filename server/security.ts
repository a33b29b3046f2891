import { randomBytes } from 'node:crypto';
import type { RequestHandler } from 'express';

/**
 * The Content-Security-Policy of a response whose scripts carry `nonce`. `h1Port` is the
 * HTTP/1.1-only lab port, which pages fetch from on whatever host they were served from.
 */
export function contentSecurityPolicy(nonce: string, h1Port: number | null = null): string {
  return [
    "default-src 'self'",
    // Only scripts with this response's nonce run; scripts they load inherit the trust.
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self'",
    // SVG diagrams and progress bars set style attributes; they cannot run code.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    h1Port === null ? "connect-src 'self'" : `connect-src 'self' https://*:${h1Port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Security headers on every response, and a fresh CSP nonce in `res.locals.nonce`. */
export function securityHeaders(h1Port: () => number | null = () => null): RequestHandler {
  return (_req, res, next) => {
    const nonce = randomBytes(16).toString('base64');
    res.locals.nonce = nonce;
    res.set({
      'Content-Security-Policy': contentSecurityPolicy(nonce, h1Port()),
      'Strict-Transport-Security': 'max-age=31536000',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
    next();
  };
}
