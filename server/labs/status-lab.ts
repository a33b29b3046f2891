import type { Http2ServerResponse } from 'node:http2';
import express, { type Request, type Response } from 'express';
import { parseCode, type StatusCode } from '../../shared/http-status/registry';
import { contentRange, decideRange } from '../../shared/range/range-engine';
import { BodyTooLargeError, readBody } from './request-body';

export const STATUS_LAB_ROUTE = '/lab/status/:code';
/** The lab addresses whose interim responses a trace can show. */
export const INTERIM_LAB_PATH = /^\/lab\/status\/10[023]$/;
const LAB_METHODS = 'GET, HEAD, OPTIONS';
/** Where the lab's redirects and 201 point: a resource that answers 200. */
const LAB_TARGET = '/lab/status/200';
/** The representation the conditional codes (206, 304, 416) are about: 64 bytes, one strong ETag. */
const LAB_BODY = Buffer.from('Wirebook status lab: sixty-four bytes of a fixed representation.\n');
const LAB_ETAG = '"status-lab-1"';
/** Pause between an interim response and the final one, so a client sees them apart. */
const INTERIM_GAP_MS = 50;
const MAX_BODY_BYTES = 4096;

/** Why a code cannot be sent alone from an origin server; the page explains it in the reader's language. */
const EXPLAINED: Record<Extract<StatusCode['lab'], { kind: 'explained' }>['because'], string> = {
  'needs-upgrade': '101 is sent only in answer to an HTTP/1.1 request with Upgrade, and then the connection speaks the new protocol (see /websocket). HTTP/2 has no 101 at all.',
  'proxy-only': 'This code is sent by a proxy, not by an origin server; an origin that sent it would be pretending to be a proxy.',
  'inside-multistatus': '208 appears inside a 207 Multi-Status body (a WebDAV propstat), not as the status of a response.',
  'needs-delta': '226 answers a request with A-IM and carries a delta (instance manipulation) of a resource the client already has.',
  draft: '104 belongs to an Internet-Draft (resumable uploads) with a temporary registration; it answers an upload, not a GET.',
};

function plainText(res: Response, status: number, text: string): void {
  res.status(status).type('text/plain').send(`${text}\n`);
}

function isHttp2(req: Request): boolean {
  return req.httpVersionMajor === 2;
}

/** Sends a 1xx for real: Early Hints with a preload; 102 through the HTTP/1.1 or HTTP/2 API. */
function sendInterim(req: Request, res: Response, code: number): void {
  if (code === 103) {
    res.writeEarlyHints({ link: '</favicon.svg>; rel=preload; as=image' });
  } else if (isHttp2(req)) {
    (res as unknown as Http2ServerResponse).stream.additionalHeaders({ ':status': code });
  } else {
    res.writeProcessing();
  }
}

/** The header fields a final response with this code needs (RFC 9110 §15 and the code's own RFC). */
function finalHeaders(req: Request, code: number): Record<string, string> {
  switch (code) {
    case 201:
    case 300:
    case 301:
    case 302:
    case 303:
    case 307:
    case 308:
      return { Location: LAB_TARGET };
    case 401:
      // Bearer, not Basic: a Basic challenge would make the browser open a login dialog.
      return { 'WWW-Authenticate': 'Bearer realm="wirebook-lab"' };
    case 405:
      return { Allow: 'OPTIONS' };
    case 408:
      // HTTP/1.1 only: HTTP/2 forbids Connection, and ends a connection with GOAWAY instead.
      return isHttp2(req) ? {} : { Connection: 'close' };
    case 416:
      return { 'Content-Range': contentRange(null, LAB_BODY.length) };
    case 426:
      return { Upgrade: 'websocket', Connection: 'Upgrade' };
    case 429:
    case 503:
      return { 'Retry-After': '120' };
    case 451:
      return { Link: '</http-status/451>; rel="blocked-by"' };
    default:
      return {};
  }
}

const NO_CONTENT = new Set([204, 205, 304]);

function sendFinal(req: Request, res: Response, entry: StatusCode, note: string): void {
  res.status(entry.code).set(finalHeaders(req, entry.code));
  // HTTP/1.1 sends the registry's name as the reason phrase (HTTP/2 has none); 306 and 418 say "Unused".
  if (!isHttp2(req)) res.statusMessage = entry.name.replace(/^\((.*)\)$/, '$1');
  if (NO_CONTENT.has(entry.code)) {
    res.end();
    return;
  }
  if (entry.code === 207) {
    res.type('application/xml').send('<?xml version="1.0" encoding="utf-8"?>\n<multistatus xmlns="DAV:"><response><href>/lab/status/200</href><status>HTTP/1.1 200 OK</status></response></multistatus>\n');
    return;
  }
  plainText(res, entry.code, `${entry.code} ${entry.name}. ${note}`.trim());
}

/** 304 to a matching If-None-Match; otherwise the representation with its ETag (RFC 9110 §13.1.2). */
function sendConditional(req: Request, res: Response, entry: StatusCode, needs: Extract<StatusCode['lab'], { kind: 'conditional' }>['needs']): void {
  res.set({ ETag: LAB_ETAG, 'Accept-Ranges': 'bytes' });
  if (needs === 'If-None-Match') {
    const tags = (req.get('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (tags.includes(LAB_ETAG) || tags.includes('*')) return sendFinal(req, res, entry, '');
    return plainText(res, 200, `Send If-None-Match: ${LAB_ETAG} to get 304 Not Modified.`);
  }
  if (needs === 'Range') {
    const decision = decideRange(req.get('range'), LAB_BODY.length);
    if (decision.kind === 'partial' && decision.ranges.length === 1) {
      const [range] = decision.ranges;
      res.status(206).set('Content-Range', contentRange(range, LAB_BODY.length)).type('text/plain');
      res.send(LAB_BODY.subarray(range.start, range.end + 1));
      return;
    }
    if (decision.kind === 'unsatisfiable') return sendFinal(req, res, { ...entry, code: 416, name: 'Range Not Satisfiable' }, '');
    res.status(200).type('text/plain').send(Buffer.concat([Buffer.from('Send one Range, such as Range: bytes=0-15, to get 206.\n'), LAB_BODY]));
    return;
  }
  if (needs === 'Early-Data') {
    // RFC 8470 §5.2: 425 only to a request that came in TLS early data, which Early-Data: 1 says it did.
    if (req.get('early-data') === '1') return sendFinal(req, res, entry, '');
    return plainText(res, 200, 'Send Early-Data: 1 (as a proxy does for a request that arrived in TLS 1.3 early data) to get 425.');
  }
  // Expect: 100-continue. Node answered 100 before this handler ran, since nobody listens for checkContinue.
  if ((req.get('expect') ?? '').toLowerCase() !== '100-continue') {
    return plainText(res, 200, '100 Continue answers a request with Expect: 100-continue, before its body. Browsers never send it; try curl -H "Expect: 100-continue" --data-binary @file.');
  }
  readBody(req, MAX_BODY_BYTES).then(
    (body) => plainText(res, 200, `100 Continue went before this response; then your ${body.length} bytes arrived.`),
    (error: unknown) => plainText(res, error instanceof BodyTooLargeError ? 413 : 400, error instanceof BodyTooLargeError ? `The lab reads at most ${MAX_BODY_BYTES} bytes.` : 'The body did not arrive.'),
  );
}

function handle(req: Request, res: Response): void {
  res.locals.route = STATUS_LAB_ROUTE;
  res.set('Cache-Control', 'no-store');
  const entry = parseCode(req.params.code);
  if (!entry) {
    return plainText(res, 400, `Bad request: "${req.params.code.slice(0, 16)}" is not a registered HTTP status code. The list is at /http-status.`);
  }
  // The 405 lab resource supports only OPTIONS, which is what its Allow says.
  const allowed = entry.code === 405 ? 'OPTIONS' : LAB_METHODS;
  if (req.method === 'OPTIONS') {
    res.status(204).set('Allow', allowed).end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD' && entry.code !== 405 && entry.code !== 100) {
    res.set('Allow', allowed);
    return plainText(res, 405, `Method not allowed: ${req.method}. The lab answers ${allowed}.`);
  }
  const plan = entry.lab;
  switch (plan.kind) {
    case 'explained':
      return plainText(res, 400, `The lab does not send ${entry.code} ${entry.name}: ${EXPLAINED[plan.because]}`);
    case 'h1-only':
      if (isHttp2(req)) {
        return plainText(res, 400, `${entry.code} needs Upgrade and Connection, which HTTP/2 forbids (RFC 9113 §8.2.2). Ask over HTTP/1.1: curl --http1.1 -i.`);
      }
      return sendFinal(req, res, entry, 'Upgrade says which protocol this resource needs.');
    case 'interim':
      sendInterim(req, res, entry.code);
      setTimeout(() => plainText(res, 200, `A ${entry.code} ${entry.name} went before this 200 (browsers do not show interim responses to scripts).`), INTERIM_GAP_MS);
      return;
    case 'conditional':
      return sendConditional(req, res, entry, plan.needs);
    case 'final':
      return sendFinal(req, res, entry, '');
  }
}

/** /lab/status/:code: every registered code that an origin server can send alone, sent for real. */
export function statusLab(): express.Router {
  const router = express.Router();
  router.all(STATUS_LAB_ROUTE, handle);
  return router;
}
