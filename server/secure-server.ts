import http2, { type Http2SecureServer, type Http2Session, type Http2ServerRequest } from 'node:http2';
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import type { Express } from 'express';
import type { TlsMaterial } from './tls';

export const MAX_CONCURRENT_STREAMS = 128;
export const MAX_HEADER_LIST_SIZE = 65_535;

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface SecureServer {
  server: Http2SecureServer;
  /** Hands HTTP/1.1 `Upgrade: websocket` requests to `handler`; other upgrades are ignored (RFC 9110 §7.8) and served as usual. */
  onWebSocketUpgrade(handler: UpgradeHandler): void;
  /**
   * Stops accepting, lets in-flight requests finish, closes HTTP/2 sessions with GOAWAY and
   * HTTP/1.1 connections as they fall idle; whatever is still open after `graceMs` is destroyed.
   * `beforeSessionClose` sees each session just before its GOAWAY is sent.
   */
  shutdown(graceMs: number, beforeSessionClose?: (session: Http2Session) => void): Promise<void>;
}

/**
 * Hands requests with Expect to the app like any other. Left alone, Node answers 100 Continue before
 * the app has seen the request, and 417 to any other expectation (over h2, even to "100-Continue"),
 * with none of the app's headers; the app sends 100 only when it wants the body.
 */
export function passExpectationsToApp(server: EventEmitter): void {
  const toApp = (req: unknown, res: unknown) => server.emit('request', req, res);
  server.on('checkContinue', toApp);
  server.on('checkExpectation', toApp);
}

/**
 * Whether a request can still be answered. An h2 stream reset after its HEADERS were parsed but
 * before Node dispatched its 'request' arrives destroyed and without a session; http2-express-bridge
 * reads `req.stream.session` outside Express's error handling, so such a request must never reach
 * it (the bridge's upstream issue #8). Nobody waits for its answer.
 */
export function isAnswerable(req: IncomingMessage | Http2ServerRequest): boolean {
  if (req.httpVersionMajor !== 2) return true;
  const { stream } = req as Http2ServerRequest;
  return !stream.destroyed && stream.session !== undefined;
}

/** One TLS port for h2 and HTTP/1.1 (ALPN picks), serving the Express app. */
export function createSecureServer(app: Express, tls: TlsMaterial): SecureServer {
  // A stream limit, so one connection cannot hold unbounded work open (the waterfall lab needs 100 at once).
  // The header-list limit nghttp2 enforces anyway (beyond it: REFUSED_STREAM), now also announced, so
  // clients and the HTTP/2 page see it; the app answers 431 from 16 KiB, like HTTP/1.1.
  const settings = {
    enablePush: false,
    maxConcurrentStreams: MAX_CONCURRENT_STREAMS,
    maxHeaderListSize: MAX_HEADER_LIST_SIZE,
  };
  const server = http2.createSecureServer({ cert: tls.cert, key: tls.key, allowHTTP1: true, settings });
  // Every way in ('request', and the 'checkContinue'/'checkExpectation' re-emitted as 'request') passes the guard.
  server.on('request', (req: IncomingMessage | Http2ServerRequest, res: unknown) => {
    if (isAnswerable(req)) (app as unknown as (req: unknown, res: unknown) => void)(req, res);
  });
  const sessions = new Set<Http2Session>();
  // HTTP/1.1 sockets, with the number of requests each is serving right now.
  const http1Sockets = new Map<Socket, number>();
  let closing = false;
  let webSocketUpgrade: UpgradeHandler | null = null;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (webSocketUpgrade && req.headers.upgrade?.toLowerCase() === 'websocket')
      return webSocketUpgrade(req, socket, head);
    // Node routes every Upgrade request here once anyone listens; answer it as a plain request.
    if (head.length > 0) socket.unshift(head);
    const res = new ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket as Socket);
    res.once('finish', () => socket.end());
    server.emit('request', req, res);
  });

  passExpectationsToApp(server);
  server.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
    if (closing) session.close();
  });
  server.on('secureConnection', (socket: Socket & { alpnProtocol?: string | false }) => {
    if (socket.alpnProtocol === 'h2') return;
    http1Sockets.set(socket, 0);
    socket.once('close', () => http1Sockets.delete(socket));
  });
  server.on('request', (req: IncomingMessage | Http2ServerRequest) => {
    if (req.httpVersionMajor === 2) return;
    const socket = req.socket as Socket;
    http1Sockets.set(socket, (http1Sockets.get(socket) ?? 0) + 1);
    req.once('close', () => {
      // An aborted request's socket may have closed (and left the map) first.
      if (!http1Sockets.has(socket)) return;
      const active = (http1Sockets.get(socket) ?? 1) - 1;
      http1Sockets.set(socket, active);
      if (closing && active === 0) socket.end();
    });
  });

  return {
    server,
    onWebSocketUpgrade: (handler) => {
      webSocketUpgrade = handler;
    },
    shutdown: (graceMs, beforeSessionClose) =>
      new Promise<void>((resolve) => {
        closing = true;
        const force = setTimeout(() => {
          for (const session of sessions) session.destroy();
          for (const socket of http1Sockets.keys()) socket.destroy();
        }, graceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        for (const session of sessions) {
          beforeSessionClose?.(session);
          session.close();
        }
        for (const [socket, active] of http1Sockets) if (active === 0) socket.end();
      }),
  };
}
