import http2 from 'node:http2';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { labShowsTrace, parseCode } from '../../shared/http-status/registry';
import type { Trace, TracedHead } from '../../shared/trace';
import { getOnly } from '../plain-text';
import { ENDPOINTS, matchEndpoint } from '../../shared/endpoints';

const TRACE_TIMEOUT_MS = 5000;
/** Traces running at once, for everyone: each is a connection this server opens to itself. */
const MAX_TRACES = 4;
/** A body for the 100 Continue trace, sent only after the server says to go on. */
const CONTINUE_BODY = 'the body, sent after 100 Continue\n';
/** Header fields that vary per response and teach nothing here. */
const HIDDEN = new Set([
  'date',
  'content-security-policy',
  'strict-transport-security',
  'x-content-type-options',
  'referrer-policy',
  'cross-origin-opener-policy',
]);

/** Where this server's own TLS port listens, for it to connect to itself. */
export interface OwnAddress {
  host: string;
  port: number;
}

/**
 * The request a trace of `path` makes: GET for a page or an interim lab code, POST with Expect for
 * 100 Continue; null for anything else, which a trace refuses.
 */
export function tracedRequest(path: string, isPage: (path: string) => boolean): { expectContinue: boolean } | null {
  if (!path.startsWith('/') || path.startsWith('//')) return null;
  const lab = matchEndpoint('statusLab', path);
  if (!lab) return isPage(path) ? { expectContinue: false } : null;
  const entry = parseCode(lab.code);
  if (!entry || !labShowsTrace(entry)) return null;
  return { expectContinue: entry.lab.kind === 'conditional' && entry.lab.when.header === 'Expect' };
}

function headOf(headers: http2.IncomingHttpHeaders, started: number): TracedHead {
  const fields = Object.entries(headers).flatMap(([name, value]): [string, string][] =>
    name.startsWith(':') || HIDDEN.has(name) || value === undefined
      ? []
      : [[name, Array.isArray(value) ? value.join(', ') : String(value)]],
  );
  return { atMs: Math.round(performance.now() - started), status: Number(headers[':status']), headers: fields };
}

/**
 * Requests a path of this very server over HTTP/2, as a client that sees interim responses, and
 * reports every response head in order: what a browser receives but never shows to scripts.
 */
export function traceOwnRequest(address: OwnAddress, path: string, expectContinue: boolean): Promise<Trace> {
  return new Promise((resolve, reject) => {
    // Our own certificate: the client checks it is talking to this process, not who signed it.
    const session = http2.connect(
      `https://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`,
      { rejectUnauthorized: false },
    );
    const started = performance.now();
    const heads: TracedHead[] = [];
    let bodyBytes = 0;
    const finish = (error: Error | null) => {
      clearTimeout(timer);
      // destroy, not close: a stream that hung must not keep the session open.
      session.destroy();
      if (error) reject(error);
      else resolve({ path, client: 'node:http2', heads, bodyBytes });
    };
    const timer = setTimeout(() => finish(new Error('trace timed out')), TRACE_TIMEOUT_MS);
    session.on('error', finish);
    const stream = session.request(
      {
        ':method': expectContinue ? 'POST' : 'GET',
        ':path': path,
        'user-agent': 'wirebook-trace',
        ...(expectContinue ? { expect: '100-continue', 'content-length': CONTINUE_BODY.length } : {}),
      },
      { endStream: !expectContinue },
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

export interface TraceLabOptions {
  ownAddress: () => OwnAddress;
  isPage: (path: string) => boolean;
}

/**
 * GET /lab/trace?path=…: the trace of one request this server makes to itself, for this site's
 * pages and the 1xx lab codes only; a few at a time for everyone, the rest told to retry.
 */
export function traceLab({ ownAddress, isPage }: TraceLabOptions): express.Router {
  const router = express.Router();
  let running = 0;
  router.all(ENDPOINTS.trace, getOnly(ENDPOINTS.trace));
  router.get(ENDPOINTS.trace, (req, res) => {
    res.locals.route = ENDPOINTS.trace;
    res.set('Cache-Control', 'no-store');
    const path = typeof req.query.path === 'string' ? req.query.path : '';
    const request = path.length <= 200 ? tracedRequest(path, isPage) : null;
    if (!request) {
      res.status(400).json({
        error:
          "path must be one of this site's pages, or the lab address of a 1xx it sends (/lab/status/100, 102, 103)",
      });
      return;
    }
    if (running >= MAX_TRACES) {
      res.status(429).set('Retry-After', '1').json({ error: 'other traces are running; try again in a second' });
      return;
    }
    running++;
    traceOwnRequest(ownAddress(), path, request.expectContinue)
      .then((trace) => res.json(trace))
      .catch(() => res.status(502).json({ error: 'the trace request to this server failed' }))
      .finally(() => {
        running--;
      });
  });
  return router;
}
