import type { Request, RequestHandler, Response } from 'express';
import { statusCode } from '../shared/http-status/registry';
import { protocolOf } from './request-log';
import type { RouteName } from './locals';

/** Sets the status, and over HTTP/1.1 the registry's name as its reason phrase ("Content Too Large", not Node's older one). */
export function withStatus(req: Request, res: Response, status: number): Response {
  const entry = statusCode(status);
  // HTTP/2 has no reason phrase; 306 and 418 are registered as "(Unused)".
  if (entry && protocolOf(req) === 'http/1.1') res.statusMessage = entry.name.replace(/^\((.*)\)$/, '$1');
  return res.status(status);
}

/** A short text/plain answer no cache keeps: how the server explains a refusal or a lab result. */
export function sendText(req: Request, res: Response, status: number, message: string): void {
  // end(), not send(): Express's send would turn a 2xx into a 304 for a matching If-None-Match.
  withStatus(req, res, status).set('Cache-Control', 'no-store').type('text/plain').end(`${message}\n`);
}

const GET_METHODS = 'GET, HEAD, OPTIONS';

/** In front of a route that answers only GET and HEAD: 204 with Allow to OPTIONS, 405 with Allow to the rest. */
export function getOnly(route: RouteName): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    res.locals.route = route;
    res.set('Allow', GET_METHODS);
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    sendText(req, res, 405, `Method not allowed: ${req.method}. This address answers ${GET_METHODS}.`);
  };
}
