import https from 'node:https';
import express from 'express';
import type { LabSettings } from '../shared/page';
import {
  ConnectionGate,
  DEFAULT_CONNECTION_LIMITS,
  TOO_MANY_CONNECTIONS,
  type ConnectionLimits,
} from './connection-gate';
import { handshakeLab } from './labs/handshake-lab';
import { tilesLab } from './labs/tiles';
import type { Logger } from './logger';
import { sendText } from './plain-text';
import { requestLog } from './request-log';
import { HANDSHAKE_GRACE_MS, passExpectationsToApp } from './secure-server';
import type { TlsMaterial } from './tls';

const gates = new WeakMap<https.Server, ConnectionGate>();

/**
 * A second TLS port that offers only HTTP/1.1 in ALPN: the HTTP/2 page's waterfall lab fetches its
 * tiles from it to show HTTP/1.1 queueing beside h2 multiplexing, and the TCP page opens fresh
 * connections to it to time their handshakes. It serves those and nothing else; the site itself
 * lives on the main port. `limits` apply as on the main port.
 */
export function createH1Server(
  tls: TlsMaterial,
  labs: Pick<LabSettings, 'tileDelayMs'>,
  logger: Logger,
  limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS,
): https.Server {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLog(logger));
  app.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use((req, res, next) => {
    if (!connections.isOverCap(req.socket)) return next();
    res.locals.route = '(too many connections)';
    res.set({ 'Retry-After': '10', Connection: 'close' });
    sendText(req, res, 429, TOO_MANY_CONNECTIONS);
  });
  app.use(tilesLab(labs));
  app.use(handshakeLab());
  app.use((req, res) => {
    res.locals.route = '(not found)';
    sendText(
      req,
      res,
      404,
      "Not found: this port serves only the HTTP/2 lesson's waterfall tiles (/lab/tiles/0 to 999) and the TCP lesson's fresh handshakes (/lab/handshake).",
    );
  });
  const server = https.createServer(
    { cert: tls.cert, key: tls.key, ALPNProtocols: ['http/1.1'], handshakeTimeout: limits.idleTimeoutMs },
    app,
  );
  const connections = new ConnectionGate(limits);
  connections.watch(server);
  gates.set(server, connections);
  server.timeout = limits.idleTimeoutMs;
  server.keepAliveTimeout = limits.idleTimeoutMs;
  passExpectationsToApp(server);
  return server;
}

/**
 * Stops accepting, closes idle keep-alive connections now and the rest after `graceMs`, in
 * whatever state they are (a TLS handshake not even begun included).
 */
export function closeH1Server(server: https.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => gates.get(server)?.destroyAll(), graceMs);
    const unsecured = setTimeout(() => gates.get(server)?.destroyUnsecured(), Math.min(graceMs, HANDSHAKE_GRACE_MS));
    unsecured.unref();
    server.close(() => {
      clearTimeout(force);
      clearTimeout(unsecured);
      resolve();
    });
    server.closeIdleConnections();
  });
}
