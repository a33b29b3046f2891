import type { Request, Response } from 'express';
import { statusCode } from '../shared/http-status/registry';
import { protocolOf } from './request-log';

/** Over HTTP/1.1, the registry's name as the reason phrase ("Content Too Large", not Node's older one). */
export function setReasonPhrase(req: Request, res: Response, status: number): void {
  const entry = statusCode(status);
  // HTTP/2 has no reason phrase; 306 and 418 are registered as "(Unused)".
  if (entry && protocolOf(req) === 'http/1.1') res.statusMessage = entry.name.replace(/^\((.*)\)$/, '$1');
}

/** A short text/plain answer no cache keeps: how the server explains a refusal or a lab result. */
export function sendText(req: Request, res: Response, status: number, message: string): void {
  setReasonPhrase(req, res, status);
  // end(), not send(): Express's send would turn a 2xx into a 304 for a matching If-None-Match.
  res.status(status).set('Cache-Control', 'no-store').type('text/plain').end(`${message}\n`);
}
