import type { Http2Session, ServerHttp2Stream } from 'node:http2';
import { performance } from 'node:perf_hooks';
import express from 'express';
import type { PingResult, SessionReport, StreamRecord } from '../../shared/http2/session';
import { h2StreamOf, routePatternOf, type ResponseObserver } from '../request-log';
import { getOnly } from '../plain-text';
import { ENDPOINTS } from '../../shared/endpoints';

/** Streams kept per connection: a page and its assets, a few labs' worth. */
const MAX_STREAMS = 200;
const PING_TIMEOUT_MS = 2000;

interface SessionLog {
  firstSeen: number;
  streams: StreamRecord[];
  /** The PING in flight, shared by every ask meanwhile: Node allows only ten unanswered ones. */
  ping: Promise<PingResult> | null;
}

function ping(session: Http2Session): Promise<PingResult> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timed-out' }), PING_TIMEOUT_MS);
    const sent = session.ping((error, duration) => {
      clearTimeout(timer);
      resolve(error ? { kind: 'timed-out' } : { kind: 'answered', ms: Number(duration.toFixed(2)) });
    });
    if (!sent) {
      clearTimeout(timer);
      resolve({ kind: 'not-sent' });
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

  private logOf(session: Http2Session): SessionLog {
    let log = this.logs.get(session);
    if (!log) {
      log = { firstSeen: performance.now(), streams: [], ping: null };
      this.logs.set(session, log);
    }
    return log;
  }

  observe: ResponseObserver = (req, res) => {
    const stream = h2StreamOf(req);
    if (!stream) return () => undefined;
    const log = this.logOf(stream.session as Http2Session);
    const startMs = Number((performance.now() - log.firstSeen).toFixed(1));
    // Read at the start: the weight is the one the request's HEADERS (or a PRIORITY frame) set.
    const priority = {
      weight: (stream as ServerHttp2Stream).state?.weight ?? null,
      header: req.get('priority')?.slice(0, 64) ?? null,
    };
    return (record) => {
      const reset = stream.rstCode || null;
      log.streams.push({
        id: stream.id as number,
        method: record.method,
        route: routePatternOf(req, res),
        status: record.aborted || reset !== null ? null : record.status,
        resetCode: reset,
        bytes: record.bytes,
        startMs,
        ms: record.ms,
        priority,
      });
      if (log.streams.length > MAX_STREAMS) log.streams.shift();
    };
  };

  private pingOnce(session: Http2Session): Promise<PingResult> {
    const log = this.logOf(session);
    log.ping ??= ping(session).finally(() => {
      log.ping = null;
    });
    return log.ping;
  }

  router(): express.Router {
    const router = express.Router();
    router.all(ENDPOINTS.h2Session, getOnly(ENDPOINTS.h2Session));
    router.get(ENDPOINTS.h2Session, (req, res, next) => {
      res.locals.route = ENDPOINTS.h2Session;
      res.set('Cache-Control', 'no-store');
      const session = h2StreamOf(req)?.session as Http2Session | undefined;
      if (!session) {
        res.json({ protocol: 'http/1.1' } satisfies SessionReport);
        return;
      }
      this.pingOnce(session)
        .then((pingResult) => {
          const report: SessionReport = {
            protocol: 'h2',
            alpn: session.alpnProtocol || null,
            remoteSettings: { ...session.remoteSettings } as Record<string, number | boolean>,
            localSettings: { ...session.localSettings } as Record<string, number | boolean>,
            state: { ...session.state },
            ping: pingResult,
            streams: this.logOf(session).streams,
          };
          res.json(report);
        })
        .catch(next);
    });
    return router;
  }
}
