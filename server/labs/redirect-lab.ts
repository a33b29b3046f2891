import express, { type Request, type Response } from 'express';
import { statusCode } from '../../shared/http-status/registry';
import { isLocale, type Locale } from '../../shared/locale';
import { BodyTooLargeError, readBody } from './request-body';

export const REDIRECT_ROUTE = '/lab/redirect/:code';
export const ARRIVED_ROUTE = '/lab/redirect/arrived';
const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);
const MAX_BODY_BYTES = 4096;
/** How much of the body the answer repeats: enough to recognise what was typed. */
const SHOWN_BODY_CHARS = 200;

/** What reached the server after the browser followed the redirect: the lab's whole answer. */
export interface Arrival {
  via: number;
  method: string;
  contentType: string | null;
  bodyBytes: number;
  body: string;
}

export interface RedirectLabOptions {
  /** Renders the answer as a page, for a form sent without JavaScript. */
  renderArrival(arrival: Arrival, locale: Locale, nonce: string): string;
}

function localeOf(req: Request): Locale {
  const lang = typeof req.query.lang === 'string' ? req.query.lang : '';
  return isLocale(lang) ? lang : 'zh';
}

/** A form body as the reader typed it: percent-decoded when it is urlencoded. */
function readable(body: Buffer, contentType: string | undefined): string {
  const text = body.toString('utf8');
  if (!contentType?.startsWith('application/x-www-form-urlencoded')) return text;
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function refuse(res: Response, status: number, message: string): void {
  res.status(status).type('text/plain').send(`${message}\n`);
}

/**
 * The redirect lab. A form posts to /lab/redirect/:code, which answers that redirect; the browser
 * follows it to /lab/redirect/arrived, which reports the method and body that actually arrived.
 * Nothing is stored: the report goes back only to the browser that made the request.
 */
export function redirectLab(options: RedirectLabOptions): express.Router {
  const router = express.Router();
  router.all(ARRIVED_ROUTE, (req, res, next) => {
    res.locals.route = ARRIVED_ROUTE;
    res.set('Cache-Control', 'no-store');
    const via = Number(req.query.via);
    if (!REDIRECT_CODES.has(via)) return refuse(res, 400, 'Bad request: via must be one of 301, 302, 303, 307, 308');
    readBody(req, MAX_BODY_BYTES)
      .then((body) => {
        const arrival: Arrival = {
          via,
          method: req.method,
          contentType: req.get('content-type') ?? null,
          bodyBytes: body.length,
          body: readable(body, req.get('content-type')).slice(0, SHOWN_BODY_CHARS),
        };
        if (req.accepts(['html', 'json']) === 'json') {
          res.json(arrival);
          return;
        }
        res.type('html').send(options.renderArrival(arrival, localeOf(req), res.locals.nonce as string));
      })
      .catch((error: unknown) => {
        if (error instanceof BodyTooLargeError) return refuse(res, 413, `The lab reads at most ${MAX_BODY_BYTES} bytes of a body`);
        next(error);
      });
  });
  router.all(REDIRECT_ROUTE, (req, res, next) => {
    res.locals.route = REDIRECT_ROUTE;
    res.set('Cache-Control', 'no-store');
    const code = Number(req.params.code);
    if (!REDIRECT_CODES.has(code) || !/^[0-9]{3}$/.test(req.params.code)) {
      return refuse(res, 400, 'Bad request: the redirect lab sends 301, 302, 303, 307 or 308');
    }
    // The body is read (and bounded) before answering, as a server must before it redirects.
    readBody(req, MAX_BODY_BYTES)
      .then(() => {
        const entry = statusCode(code);
        if (req.httpVersionMajor !== 2 && entry) res.statusMessage = entry.name;
        res.status(code).set('Location', `${ARRIVED_ROUTE}?via=${code}&lang=${localeOf(req)}`).end();
      })
      .catch((error: unknown) => {
        if (error instanceof BodyTooLargeError) return refuse(res, 413, `The lab reads at most ${MAX_BODY_BYTES} bytes of a body`);
        next(error);
      });
  });
  return router;
}
