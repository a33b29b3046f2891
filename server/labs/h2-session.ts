import type { Http2Session, Settings } from 'node:http2';
import { performance } from 'node:perf_hooks';
import express, { type Request } from 'express';
import { routePatternOf, streamIdOf, type ResponseObserver } from '../request-log';

export const SESSION_ROUTE = '/lab/h2/session';
/** Streams kept per connection: a page and its assets, a few labs' worth. */
const MAX_STREAMS = 200;
const PING_TIMEOUT_MS = 2000;

export interface StreamRecord {
  id: number;
  method: string;
  /** The route pattern that answered, never the path as typed. */
  route: string;
  status: number;
  bytes: number;
  /** When the request started, in ms after the first request this server saw on the connection. */
  startMs: number;
  ms: number;
}

export interface SessionReport {
  protocol: 'h2';
  alpn: string | false | undefined;
  /** The browser's SETTINGS, as this server received them. */
  remoteSettings: Settings;
  /** This server's own SETTINGS. */
  localSettings: Settings;
  /** Flow-control and table state of the connection right now. */
  state: Record<string, number | undefined>;
  /** A PING this server just sent on the connection, answered after this many ms; null if not answered. */
  pingMs: number | null;
  streams: StreamRecord[];
}

interface SessionLog {
  firstSeen: number;
  streams: StreamRecord[];
}

function sessionOf(req: Request): Http2Session | null {
  return req.httpVersionMajor === 2 ? (req as unknown as { stream: { session: Http2Session } }).stream.session : null;
}

function ping(session: Http2Session): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), PING_TIMEOUT_MS);
    const sent = session.ping((error, duration) => {
      clearTimeout(timer);
      resolve(error ? null : Number(duration.toFixed(2)));
    });
    if (!sent) {
      clearTimeout(timer);
      resolve(null);
    }
  });
}

/**
 * The reader's own HTTP/2 connection, from the server's side: its SETTINGS both ways, a PING
 * round trip, and the streams this server answered on it. Keyed by the connection itself, so a
 * request can only ever see the connection it came over.
 */
export class SessionStreams {
  private readonly logs = new WeakMap<Http2Session, SessionLog>();

  observe: ResponseObserver = (req, res) => {
    const session = sessionOf(req);
    const id = streamIdOf(req);
    if (!session || id === null) return () => undefined;
    let log = this.logs.get(session);
    if (!log) {
      log = { firstSeen: performance.now(), streams: [] };
      this.logs.set(session, log);
    }
    const startMs = Number((performance.now() - log.firstSeen).toFixed(1));
    const target = log;
    return (record) => {
      target.streams.push({ id, method: record.method, route: routePatternOf(req, res), status: record.status, bytes: record.bytes, startMs, ms: record.ms });
      if (target.streams.length > MAX_STREAMS) target.streams.shift();
    };
  };

  router(): express.Router {
    const router = express.Router();
    router.get(SESSION_ROUTE, (req, res, next) => {
      res.locals.route = SESSION_ROUTE;
      res.set('Cache-Control', 'no-store');
      const session = sessionOf(req);
      if (!session) {
        res.json({ protocol: 'http/1.1' });
        return;
      }
      ping(session)
        .then((pingMs) => {
          const report: SessionReport = {
            protocol: 'h2',
            alpn: session.alpnProtocol,
            remoteSettings: session.remoteSettings,
            localSettings: session.localSettings,
            state: { ...session.state },
            pingMs,
            streams: this.logs.get(session)?.streams ?? [],
          };
          res.json(report);
        })
        .catch(next);
    });
    return router;
  }
}
