import type { Request, Response } from 'express';
import { protocolOf } from '../request-log';
import { sendText } from '../plain-text';

/** What the labs read of a body at most: a few lines the reader typed. */
const LAB_BODY_LIMIT = 4096;
/** A body slower than this is not coming; the request gets 408. */
const BODY_TIMEOUT_MS = 10_000;

export class BodyError extends Error {
  readonly code = 'WB_ERR_BODY';
  constructor(
    readonly status: 408 | 413,
    message: string,
  ) {
    super(message);
  }
}

export function expectsContinue(req: Request): boolean {
  return (req.get('expect') ?? '').toLowerCase() === '100-continue';
}

/**
 * A request's body, up to `limit` bytes. A client that sent `Expect: 100-continue` is told to go on
 * only here, once a handler wants the body and its declared length fits (RFC 9110 §10.1.1); a
 * declared length over the limit is refused at once, without the 100.
 */
export function readBody(req: Request, res: Response, limit = LAB_BODY_LIMIT): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit)
    return Promise.reject(new BodyError(413, `The lab reads at most ${limit} bytes of a body`));
  if (expectsContinue(req)) res.writeContinue();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: BodyError) => {
      clearTimeout(timer);
      req.off('data', onData);
      // What is still coming is read and dropped; the error answer closes an HTTP/1.1 connection.
      req.resume();
      reject(error);
    };
    const timer = setTimeout(
      () => stop(new BodyError(408, `The body did not arrive within ${BODY_TIMEOUT_MS / 1000} s`)),
      BODY_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return stop(new BodyError(413, `The lab reads at most ${limit} bytes of a body`));
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    req.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Answers a failed body read: 408 or 413 (closing an HTTP/1.1 connection, whose body is unread), or on to the error handler. */
export function answerBodyError(req: Request, res: Response, error: unknown, next: (error: unknown) => void): void {
  if (!(error instanceof BodyError)) return next(error);
  if (protocolOf(req) === 'http/1.1') res.set('Connection', 'close');
  sendText(req, res, error.status, error.message);
}
