import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, RequestHandler, Response } from 'express';
import { BAD_PACE, pacedBytesPerSecond, paceOf, SLOW_PACE, type Pace } from '../../shared/lab-pace';
import { contentRange, decideRange, type ByteRange } from '../../shared/range/range-engine';
import { sendText } from '../plain-text';
import { noneMatch } from '../static-assets';
import type { DemoFile } from './demo-files';
import type { RouteName } from '../locals';
import { paced, type SlowLanes } from './slow-lanes';

// The name carries the file's version (the changing file's changes with it).
const etagOf = (file: DemoFile) => `"${file.name}-${file.length.toString(16)}"`;

/**
 * Whether If-Range lets the Range apply (RFC 9110 §13.1.5): an entity-tag must match strongly (a
 * weak one never does); a date must equal Last-Modified exactly.
 */
export function ifRangeMatches(ifRange: string | undefined, etag: string, lastModified: string): boolean {
  if (ifRange === undefined) return true;
  const value = ifRange.trim();
  if (value.startsWith('W/')) return false;
  if (value.startsWith('"')) return value === etag;
  return value === lastModified;
}

/**
 * The demo files are read-only. A PUT with Content-Range asks to replace part of one (a partial
 * PUT), which RFC 9110 §14.5 says a server without support SHOULD answer with 400; any other
 * method falls through to the route's 405.
 */
export function refusePartialPut(route: RouteName): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'PUT' || req.get('content-range') === undefined) return next();
    res.locals.route = route;
    sendText(
      req,
      res,
      400,
      'Bad request: partial PUT (a PUT with Content-Range) is not supported here; the demo files are read-only.',
    );
  };
}

/** The header that says whether a body was paced: a slow request over the lanes' caps is sent at full speed. */
export const PACE_HEADER = 'Wirebook-Pace';

/**
 * Sends `body` of `length` bytes, paced when the reader asked for slow mode and a lane is free
 * (the lane given back when the response closes, finished or not).
 */
function send(
  req: Request,
  res: Response,
  body: Readable,
  length: number,
  pace: Pace,
  lanes: SlowLanes,
): Promise<void> {
  const release = pace === 'slow' ? lanes.take(req.socket.remoteAddress) : null;
  res.set(PACE_HEADER, release ? 'slow' : 'full');
  if (release) res.once('close', release);
  // pipeline closes the generator when the client goes away mid-download.
  return pipeline(release ? paced(body, pacedBytesPerSecond(length)) : body, res).catch(() => undefined);
}

/**
 * GET and HEAD of the demo files under /lab/files/:name, with Range (one range: 206 with
 * Content-Range; several: multipart/byteranges), If-Range, If-None-Match, and Repr-Digest so a
 * client can check what it assembled. Bodies are generated as they are sent: memory does not grow
 * with the file or the number of ranges. `?pace=slow` paces the body (SLOW_PACE) within `lanes`.
 */
export function serveDemoFile(
  route: RouteName,
  find: (req: Request) => DemoFile | string | Promise<DemoFile | string>,
  lanes: SlowLanes,
): RequestHandler {
  return (req, res, next) => {
    res.locals.route = route;
    const pace = paceOf(req.query[SLOW_PACE.param]);
    if (pace === null) return void sendText(req, res, 400, BAD_PACE);
    Promise.resolve()
      .then(() => find(req))
      .then(async (file) => {
        if (typeof file === 'string') return void res.status(404).type('text/plain').send(`${file}\n`);
        const etag = etagOf(file);
        const digest = await file.digest();
        res.set({
          'Accept-Ranges': 'bytes',
          ETag: etag,
          'Last-Modified': file.lastModified,
          'Cache-Control': 'no-cache',
          'Repr-Digest': `sha-256=:${digest}:`,
        });
        if (noneMatch(req.headers['if-none-match'], etag)) return void res.status(304).end();
        // Range is defined for GET only (§14.2); HEAD describes the whole.
        const rangeHeader =
          req.method === 'GET' && ifRangeMatches(req.get('if-range'), etag, file.lastModified)
            ? req.get('range')
            : undefined;
        const decision = decideRange(rangeHeader, file.length);
        const whole: ByteRange = { start: 0, end: file.length - 1 };
        if (decision.kind === 'unsatisfiable') {
          return void res
            .status(416)
            .set('Content-Range', contentRange(null, file.length))
            .type('text/plain')
            .send('Range not satisfiable\n');
        }
        if (decision.kind === 'whole' || decision.ranges.length === 1) {
          const range = decision.kind === 'whole' ? whole : decision.ranges[0]!; // exactly one
          res.status(decision.kind === 'whole' ? 200 : 206).type('application/octet-stream');
          if (decision.kind === 'partial') res.set('Content-Range', contentRange(range, file.length));
          const length = range.end - range.start + 1;
          res.set('Content-Length', String(length));
          if (req.method === 'HEAD') return void res.end();
          return send(req, res, file.stream(range), length, pace, lanes);
        }
        const boundary = randomBytes(12).toString('hex');
        const heads = decision.ranges.map(
          (range) =>
            `--${boundary}\r\nContent-Type: application/octet-stream\r\nContent-Range: ${contentRange(range, file.length)}\r\n\r\n`,
        );
        const tail = `--${boundary}--\r\n`;
        const length =
          decision.ranges.reduce(
            (sum, range, i) => sum + Buffer.byteLength(heads[i]!) + (range.end - range.start + 1) + 2, // a head per range
            0,
          ) + tail.length;
        res
          .status(206)
          .set({ 'Content-Type': `multipart/byteranges; boundary=${boundary}`, 'Content-Length': String(length) });
        const parts = async function* () {
          for (const [i, range] of decision.ranges.entries()) {
            yield Buffer.from(heads[i]!);
            yield* file.stream(range);
            yield Buffer.from('\r\n');
          }
          yield Buffer.from(tail);
        };
        return send(req, res, Readable.from(parts()), length, pace, lanes);
      })
      .catch(next);
  };
}
