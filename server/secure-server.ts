import http2, { type Http2SecureServer, type Http2Session, type Http2ServerRequest } from 'node:http2';
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { Express } from 'express';
import {
  ConnectionGate,
  DEFAULT_CONNECTION_LIMITS,
  TOO_MANY_CONNECTIONS,
  type ConnectionLimits,
} from './connection-gate';
import type { TlsMaterial } from './tls';
import { refuseUpgrade } from './websocket/socket-guard';

/** How long a shutdown lets TLS handshakes under way finish before it ends them. */
export const HANDSHAKE_GRACE_MS = 1000;

/** RFC 9113 §7: the peer is generating excessive load. */
const ENHANCE_YOUR_CALM = 0xb;

export const MAX_CONCURRENT_STREAMS = 128;
export const MAX_HEADER_LIST_SIZE = 65_535;

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface SecureServer {
  server: Http2SecureServer;
  /** Hands HTTP/1.1 `Upgrade: websocket` requests to `handler`; other upgrades are ignored (RFC 9110 §7.8) and served as usual. */
  onWebSocketUpgrade(handler: UpgradeHandler): void;
  /**
   * Stops accepting, lets in-flight requests finish, closes HTTP/2 sessions with GOAWAY and
   * HTTP/1.1 connections as they fall idle; whatever is still open after `graceMs` is destroyed,
   * in whatever state (a TLS handshake not even begun included), so it always ends by then.
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

/** What changes when a connection is used: bytes read on an HTTP/1.1 socket, streams and data on an h2 session. */
function activityOf(connection: Http2Session | TLSSocket): string {
  if (connection instanceof TLSSocket) return String(connection.bytesRead);
  if (connection.destroyed) return 'destroyed';
  const { lastProcStreamID, effectiveRecvDataLength } = connection.state;
  return `${lastProcStreamID}/${effectiveRecvDataLength}`;
}

/**
 * Whether nobody waits for this response any more: its h2 stream is closed (reset, often in the
 * same read as its HEADERS) or its HTTP/1.1 socket is gone. Such a request costs no render.
 */
export function isAbandoned(req: IncomingMessage | Http2ServerRequest): boolean {
  if (req.httpVersionMajor !== 2) return req.socket.destroyed;
  const { stream } = req as Http2ServerRequest;
  return stream.closed || stream.destroyed;
}

/** The answer to an HTTP/1.1 request on a connection over its address's cap: 429, then the connection closes. */
function tooManyConnections(res: ServerResponse): void {
  const body = `${TOO_MANY_CONNECTIONS}\n`;
  res.shouldKeepAlive = false;
  res
    .writeHead(429, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Retry-After': '10',
      Connection: 'close',
    })
    .end(body);
}

/**
 * One TLS port for h2 and HTTP/1.1 (ALPN picks), serving the Express app. `limits` bound how long
 * a connection may sit idle and how many there may be (per address and in total).
 */
export function createSecureServer(
  app: Express,
  tls: TlsMaterial,
  limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS,
): SecureServer {
  // A stream limit, so one connection cannot hold unbounded work open (the waterfall lab needs 100 at once).
  // The header-list limit nghttp2 enforces anyway (beyond it: REFUSED_STREAM), now also announced, so
  // clients and the HTTP/2 page see it; the app answers 431 from 16 KiB, like HTTP/1.1.
  const settings = {
    enablePush: false,
    maxConcurrentStreams: MAX_CONCURRENT_STREAMS,
    maxHeaderListSize: MAX_HEADER_LIST_SIZE,
  };
  const server = http2.createSecureServer({
    cert: tls.cert,
    key: tls.key,
    allowHTTP1: true,
    settings,
    handshakeTimeout: limits.idleTimeoutMs,
  });
  const connections = new ConnectionGate(limits);
  connections.watch(server);
  // Inactivity on an h2 session or an HTTP/1.1 socket (Node re-arms it between keep-alive requests).
  server.setTimeout(limits.idleTimeoutMs);
  // Every way in ('request', and the 'checkContinue'/'checkExpectation' re-emitted as 'request') passes the guard.
  server.on('request', (req: IncomingMessage | Http2ServerRequest, res: unknown) => {
    if (!isAnswerable(req)) return;
    if (req.httpVersionMajor === 1 && connections.isOverCap(req.socket))
      return tooManyConnections(res as ServerResponse);
    (app as unknown as (req: unknown, res: unknown) => void)(req, res);
  });
  const sessions = new Set<Http2Session>();
  // HTTP/1.1 sockets, with the number of requests each is serving right now.
  const http1Sockets = new Map<Socket, number>();
  let closing = false;
  let webSocketUpgrade: UpgradeHandler | null = null;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node's HTTP/1.1 timeouts leave a socket once it is upgraded: one of our own, until ws takes
    // the socket (and clears it) or the refusal's answer is read and the socket closed.
    (socket as Socket).setTimeout(limits.idleTimeoutMs, () => socket.destroy());
    if (connections.isOverCap(req.socket))
      return refuseUpgrade(socket, { status: 429, message: TOO_MANY_CONNECTIONS, headers: { 'Retry-After': '10' } });
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
    if (session.socket && connections.isOverCap(session.socket)) {
      session.goaway(ENHANCE_YOUR_CALM, 0, Buffer.from(TOO_MANY_CONNECTIONS));
      session.close();
      return;
    }
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
    if (closing) session.close();
  });
  server.on('timeout', (idle: Http2Session | TLSSocket) => {
    // A timer due while the event loop was held up fires before the reads that were waiting: look
    // again a turn later, once they are in, and leave a connection alone that has moved meanwhile
    // (Node restarts its timer on that activity).
    const before = activityOf(idle);
    setImmediate(() => {
      if (activityOf(idle) === before) endIdle(idle);
    });
  });
  const endIdle = (idle: Http2Session | TLSSocket) => {
    // An HTTP/1.1 socket: Node destroys it only when nobody listens for 'timeout'.
    if (idle instanceof TLSSocket) return idle.destroy();
    // An h2 session: GOAWAY, so a well-behaved client knows; one more idle period (a stream that
    // never moves, a client that never reads) and it is destroyed.
    if (idle.closed || idle.destroyed) return;
    idle.close();
    const destroy = setTimeout(() => idle.destroy(), limits.idleTimeoutMs);
    destroy.unref();
    idle.once('close', () => clearTimeout(destroy));
  };
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
        const force = setTimeout(() => connections.destroyAll(), graceMs);
        // A connection still without TLS a moment later is not a client about to send a request:
        // it need not hold the shutdown for the whole grace period.
        const unsecured = setTimeout(() => connections.destroyUnsecured(), Math.min(graceMs, HANDSHAKE_GRACE_MS));
        force.unref();
        unsecured.unref();
        server.close(() => {
          clearTimeout(force);
          clearTimeout(unsecured);
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
