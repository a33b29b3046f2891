import type { Http2ServerResponse } from 'node:http2';
import express, { type NextFunction, type Request, type Response } from 'express';
import {
  LAB_BODY_LENGTH,
  LAB_ETAG,
  LAB_TARGET,
  parseCode,
  statusCode,
  type LabCondition,
  type StatusCode,
} from '../../shared/http-status/registry';
import { contentRange, decideRange } from '../../shared/range/range-engine';
import { ifRangeMatches } from '../files/serve-demo-file';
import { sendText, withStatus } from '../plain-text';
import { protocolOf } from '../request-log';
import { answerBodyError, expectsContinue, readBody } from './request-body';
import { ENDPOINTS } from '../../shared/endpoints';

const LAB_METHODS = 'GET, HEAD, OPTIONS';
/** 100 Continue is about a body, so its lab also takes the methods that send one. */
const CONTINUE_METHODS = 'GET, HEAD, OPTIONS, POST, PUT';
/** The one representation the conditional codes (206, 304, 416) are about. */
const LAB_BODY = Buffer.from(
  `${'Wirebook status lab: one fixed representation of 64 bytes.'.padEnd(LAB_BODY_LENGTH - 1, '.')}\n`,
);
/**
 * When the lab's representation last changed. A constant, not the process's start, so every
 * instance sends the same validators and a date in If-Range means the same on all of them.
 * Change it whenever LAB_BODY changes.
 */
const LAB_LAST_MODIFIED = 'Mon, 01 Dec 2025 00:00:00 GMT';
/** Pause between an interim response and the final one, so a client sees them apart. */
const INTERIM_GAP_MS = 50;

/** Why a code cannot be sent alone from an origin server; the page explains it in the reader's language. */
const EXPLAINED: Record<Extract<StatusCode['lab'], { kind: 'explained' }>['because'], string> = {
  'needs-upgrade':
    '101 is sent only in answer to an HTTP/1.1 request with Upgrade, and then the connection speaks the new protocol (see /websocket). HTTP/2 has no 101 at all.',
  'proxy-only': '407 is sent by a proxy, not by an origin server; from an origin, browsers refuse it.',
  'intercepting-proxy':
    '511 is sent by an intercepting proxy (a captive portal) asking the user to log in to the network; RFC 6585 says origin servers should not send it.',
  'inside-multistatus':
    '208 appears inside a 207 Multi-Status body (a WebDAV propstat), not as the status of a response.',
  'needs-delta':
    '226 answers a request with A-IM and carries a delta (instance manipulation) of a resource the client already has.',
  draft:
    '104 belongs to an Internet-Draft (resumable uploads) with a temporary registration; it answers an upload, not a GET.',
};

/** Sends a 1xx for real: Early Hints through its API; 102 through the HTTP/1.1 or HTTP/2 one. */
function sendInterim(req: Request, res: Response, entry: StatusCode, headers: Record<string, string>): void {
  if (entry.code === 103) {
    res.writeEarlyHints(
      Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
    );
  } else if (protocolOf(req) === 'h2') {
    (res as unknown as Http2ServerResponse).stream.additionalHeaders({ ':status': entry.code, ...headers });
  } else {
    res.writeProcessing();
  }
}

const NO_CONTENT = new Set([204, 205, 304]);

/** The code itself, with the fields the registry says it needs; a text body unless it has none. */
function sendFinal(req: Request, res: Response, entry: StatusCode, headers: Record<string, string> = {}): void {
  // 408 ends an HTTP/1.1 connection; HTTP/2 forbids Connection and uses GOAWAY for that.
  if (entry.code === 408 && protocolOf(req) === 'http/1.1') res.set('Connection', 'close');
  res.set(headers);
  if (NO_CONTENT.has(entry.code)) {
    withStatus(req, res, entry.code).end();
    return;
  }
  if (entry.code === 207) {
    withStatus(req, res, 207)
      .type('application/xml')
      .end(
        `<?xml version="1.0" encoding="utf-8"?>\n<multistatus xmlns="DAV:"><response><href>${LAB_TARGET}</href><status>HTTP/1.1 200 OK</status></response></multistatus>\n`,
      );
    return;
  }
  sendText(req, res, entry.code, `${entry.code} ${entry.name}`);
}

/** The lab's representation as a 200 (its validators included), or the part a Range asked for. */
function sendRepresentation(req: Request, res: Response): void {
  res
    .set({ ETag: LAB_ETAG, 'Last-Modified': LAB_LAST_MODIFIED, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' })
    .type('text/plain');
  // Range applies to GET only (RFC 9110 §14.2), and only while If-Range still matches (§13.1.5).
  const range =
    req.method === 'GET' && ifRangeMatches(req.get('if-range'), LAB_ETAG, LAB_LAST_MODIFIED)
      ? req.get('range')
      : undefined;
  const decision = decideRange(range, LAB_BODY.length);
  if (decision.kind === 'unsatisfiable')
    return sendFinal(req, res, statusCode(416) as StatusCode, { 'Content-Range': contentRange(null, LAB_BODY.length) });
  if (decision.kind === 'partial' && decision.ranges.length === 1) {
    const part = decision.ranges[0]!; // exactly one
    withStatus(req, res, 206)
      .set('Content-Range', contentRange(part, LAB_BODY.length))
      .end(LAB_BODY.subarray(part.start, part.end + 1));
    return;
  }
  res.status(200).end(req.method === 'HEAD' ? undefined : LAB_BODY);
}

/** A code that only a request with `when` earns: the code then, otherwise a 200 that says what to send. */
function sendConditional(req: Request, res: Response, next: NextFunction, entry: StatusCode, when: LabCondition): void {
  const hint = `Send ${when.header}: ${when.value} to get ${entry.code}.`;
  switch (when.header) {
    case 'Range':
      return sendRepresentation(req, res);
    case 'If-None-Match': {
      const tags = (req.get('if-none-match') ?? '').split(',').map((tag) => tag.trim().replace(/^W\//, ''));
      res.set('ETag', LAB_ETAG);
      if (tags.includes(LAB_ETAG) || tags.includes('*')) return sendFinal(req, res, entry);
      return sendText(req, res, 200, hint);
    }
    case 'Early-Data':
      // RFC 8470 §5.2: 425 only to a request that came in TLS early data, which Early-Data: 1 says.
      return req.get('early-data') === '1'
        ? sendFinal(req, res, entry)
        : sendText(req, res, 200, `${hint} A proxy adds it to a request that arrived in TLS 1.3 early data.`);
    case 'Expect':
      if (req.httpVersion === '1.0')
        return sendText(
          req,
          res,
          200,
          'HTTP/1.0 has no 100 Continue (RFC 9110 §10.1.1): a server never sends a 1xx to an HTTP/1.0 client.',
        );
      if (!expectsContinue(req)) {
        return sendText(
          req,
          res,
          200,
          `${hint} Browsers never send it; try curl -H "Expect: 100-continue" --data-binary @file.`,
        );
      }
      // readBody sends the 100 once the declared length is known to fit.
      readBody(req, res).then(
        (body) =>
          sendText(req, res, 200, `100 Continue went before this response; then your ${body.length} bytes arrived.`),
        (error: unknown) => answerBodyError(req, res, error, next),
      );
  }
}

function handle(req: Request, res: Response, next: NextFunction): void {
  res.locals.route = ENDPOINTS.statusLab;
  res.set('Cache-Control', 'no-store');
  const segment = req.params.code ?? '';
  const entry = parseCode(segment);
  if (!entry)
    return sendText(
      req,
      res,
      400,
      `Bad request: "${segment.slice(0, 16)}" is not a registered HTTP status code. The list is at /http-status.`,
    );
  const plan = entry.lab;
  // The 405 lab resource supports only OPTIONS, which is exactly what its Allow says.
  const allowed = entry.code === 405 ? 'OPTIONS' : entry.code === 100 ? CONTINUE_METHODS : LAB_METHODS;
  if (req.method === 'OPTIONS') {
    res.status(204).set('Allow', allowed).end();
    return;
  }
  if (entry.code !== 405 && !allowed.split(', ').includes(req.method)) {
    res.set('Allow', allowed);
    return sendText(req, res, 405, `Method not allowed: ${req.method}. The lab answers ${allowed}.`);
  }
  switch (plan.kind) {
    case 'explained':
      return sendText(req, res, 400, `The lab does not send ${entry.code} ${entry.name}: ${EXPLAINED[plan.because]}`);
    case 'h1-only':
      if (protocolOf(req) === 'h2') {
        return sendText(
          req,
          res,
          400,
          `${entry.code} needs ${Object.keys(plan.headers).join(' and ')}, which HTTP/2 forbids (RFC 9113 §8.2.2). Ask over HTTP/1.1: curl --http1.1 -i.`,
        );
      }
      return sendFinal(req, res, entry, plan.headers);
    case 'interim':
      // RFC 9110 §15.2: never a 1xx to an HTTP/1.0 client.
      if (req.httpVersion === '1.0')
        return sendText(req, res, 200, `No ${entry.code} went before this 200: HTTP/1.0 clients are never sent a 1xx.`);
      sendInterim(req, res, entry, plan.headers ?? {});
      setTimeout(() => {
        if (!res.writableEnded && !req.destroyed)
          sendText(
            req,
            res,
            200,
            `A ${entry.code} ${entry.name} went before this 200 (browsers do not show interim responses to scripts).`,
          );
      }, INTERIM_GAP_MS);
      return;
    case 'conditional':
      return sendConditional(req, res, next, entry, plan.when);
    case 'final':
      return sendFinal(req, res, entry, plan.headers);
  }
}

/** /lab/status/:code: every registered code that an origin server can send alone, sent for real. */
export function statusLab(): express.Router {
  const router = express.Router();
  router.all(ENDPOINTS.statusLab, handle);
  return router;
}
