import https from 'node:https';
import type { Express } from 'express';
import { passExpectationsToApp } from './secure-server';
import type { TlsMaterial } from './tls';

/**
 * A second TLS port that offers only HTTP/1.1 in ALPN, serving the same app: the HTTP/2 page's
 * waterfall lab fetches from it to show HTTP/1.1 queueing beside h2 multiplexing.
 */
export function createH1Server(app: Express, tls: TlsMaterial): https.Server {
  const server = https.createServer({ cert: tls.cert, key: tls.key, ALPNProtocols: ['http/1.1'] }, app);
  passExpectationsToApp(server);
  return server;
}

/** Stops accepting, closes idle keep-alive connections now and the rest after `graceMs`. */
export function closeH1Server(server: https.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
