import type { ServerHttp2Stream } from 'node:http2';
import { performance } from 'node:perf_hooks';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from './logger';

/** The protocol a request came over, as ALPN named it. */
export function protocolOf(req: { httpVersionMajor: number }): 'h2' | 'http/1.1' {
  return req.httpVersionMajor === 2 ? 'h2' : 'http/1.1';
}

/** The h2 stream a request came on; null over HTTP/1.1. */
export function h2StreamOf(req: Request): ServerHttp2Stream | null {
  return req.httpVersionMajor === 2 ? ((req as unknown as { stream?: ServerHttp2Stream }).stream ?? null) : null;
}

export function streamIdOf(req: Request): number | null {
  return h2StreamOf(req)?.id ?? null;
}

/** The route pattern that answered (`/lab/status/:code`), never the path as typed. */
export function routePatternOf(req: Request, res: Response): string {
  return res.locals.route ?? (req.route?.path as string | undefined) ?? '(unmatched)';
}

/** Counts the body bytes a response writes (after compression: what goes on the wire). */
function countBodyBytes(res: Response): () => number {
  let bytes = 0;
  const add = (chunk: unknown, encoding?: unknown) => {
    if (typeof chunk === 'string')
      bytes += Buffer.byteLength(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
    else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
  };
  const write = res.write;
  const end = res.end;
  // Over h2, end(chunk) writes its chunk through res.write: counted in end, not again there.
  let ending = false;
  res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
    if (!ending) add(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as Response['write'];
  res.end = function (this: Response, chunk?: unknown, ...rest: unknown[]) {
    if (typeof chunk !== 'function') add(chunk, rest[0]);
    ending = true;
    try {
      return (end as (...args: unknown[]) => Response).call(this, chunk, ...rest);
    } finally {
      ending = false;
    }
  } as Response['end'];
  return () => bytes;
}

export interface ResponseRecord {
  method: string;
  path: string;
  protocol: 'h2' | 'http/1.1';
  status: number;
  bytes: number;
  ms: number;
  aborted?: true;
}

/**
 * Sees a request as it starts (while its connection is still attached to it) and returns what to
 * do with the record once the response is done.
 */
export type ResponseObserver = (req: Request, res: Response) => (record: ResponseRecord) => void;

/**
 * One log line per request: method, path, protocol, status, body bytes, milliseconds; each
 * observer (the live wire's response tap) gets the same record.
 */
export function requestLog(logger: Logger, ...observers: ResponseObserver[]): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const bytes = countBodyBytes(res);
    const finished = observers.map((observe) => observe(req, res));
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      const record: ResponseRecord = {
        method: req.method,
        path: req.originalUrl,
        protocol: protocolOf(req),
        status: res.statusCode,
        bytes: bytes(),
        ms: Number((performance.now() - started).toFixed(1)),
        // An h2 stream reset by the client may still count as "finished" for the compat response.
        aborted: res.writableFinished && !h2StreamOf(req)?.rstCode ? undefined : true,
      };
      logger.info(record);
      for (const done of finished) done(record);
    };
    res.on('finish', log);
    res.on('close', log);
    next();
  };
}
