import http2 from 'node:http2';
import { performance } from 'node:perf_hooks';
import express from 'express';

export const TRACE_ROUTE = '/lab/trace';
const TRACE_TIMEOUT_MS = 5000;
/** A body for the 100 Continue trace, sent only after the server says to go on. */
const CONTINUE_BODY = 'the body, sent after 100 Continue\n';
/** Header fields that vary per response and teach nothing here. */
const HIDDEN = new Set(['date', 'content-security-policy', 'strict-transport-security', 'x-content-type-options', 'referrer-policy', 'cross-origin-opener-policy']);

/** One response head as the tracing client received it, `atMs` after it sent the request. */
export interface TracedHead {
  atMs: number;
  status: number;
  headers: [string, string][];
}

export interface Trace {
  path: string;
  client: string;
  heads: TracedHead[];
  bodyBytes: number;
}

function headOf(headers: http2.IncomingHttpHeaders, started: number): TracedHead {
  const fields = Object.entries(headers).flatMap(([name, value]): [string, string][] =>
    name.startsWith(':') || HIDDEN.has(name) || value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : String(value)]],
  );
  return { atMs: Math.round(performance.now() - started), status: Number(headers[':status']), headers: fields };
}

/**
 * Requests a path of this very server over HTTP/2, as a client that sees interim responses, and
 * reports every response head in order: what a browser receives but never shows to scripts.
 */
export function traceOwnRequest(port: number, path: string): Promise<Trace> {
  return new Promise((resolve, reject) => {
    // Our own certificate: the client checks it is talking to this process, not who signed it.
    const session = http2.connect(`https://127.0.0.1:${port}`, { rejectUnauthorized: false });
    const started = performance.now();
    const heads: TracedHead[] = [];
    let bodyBytes = 0;
    const timer = setTimeout(() => finish(new Error('trace timed out')), TRACE_TIMEOUT_MS);
    const finish = (error: Error | null) => {
      clearTimeout(timer);
      session.close();
      if (error) reject(error);
      else resolve({ path, client: `node:http2 ${process.version}`, heads, bodyBytes });
    };
    session.on('error', finish);
    const expectsContinue = path.endsWith('/100');
    const stream = session.request(
      { ':method': expectsContinue ? 'POST' : 'GET', ':path': path, 'user-agent': 'wirebook-trace', ...(expectsContinue ? { expect: '100-continue' } : {}) },
      { endStream: !expectsContinue },
    );
    // The 100 itself arrives as 'headers' too, like every interim response.
    stream.on('continue', () => stream.end(CONTINUE_BODY));
    stream.on('headers', (headers) => heads.push(headOf(headers, started)));
    stream.on('response', (headers) => heads.push(headOf(headers, started)));
    stream.on('data', (chunk: Buffer) => {
      bodyBytes += chunk.length;
    });
    stream.on('end', () => finish(null));
    stream.on('error', finish);
  });
}

/**
 * GET /lab/trace?path=…: the trace of one request this server makes to itself. Only paths that
 * `allowed` accepts (the site's pages, the interim lab codes); one trace at a time, for everyone.
 */
export function traceLab(allowed: (path: string) => boolean): express.Router {
  const router = express.Router();
  let busy = false;
  router.get(TRACE_ROUTE, (req, res, next) => {
    res.locals.route = TRACE_ROUTE;
    res.set('Cache-Control', 'no-store');
    const path = typeof req.query.path === 'string' ? req.query.path : '';
    if (!path.startsWith('/') || path.startsWith('//') || path.length > 200 || !allowed(path)) {
      res.status(400).type('text/plain').send('Bad request: path must be one of this site\'s pages or /lab/status/100, 102 or 103\n');
      return;
    }
    if (busy) {
      res.status(429).set('Retry-After', '1').type('text/plain').send('Another trace is running; try again in a second\n');
      return;
    }
    busy = true;
    traceOwnRequest(req.socket.localPort as number, path)
      .then((trace) => res.json(trace))
      .catch(next)
      .finally(() => {
        busy = false;
      });
  });
  return router;
}
