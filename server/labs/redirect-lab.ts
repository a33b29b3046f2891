import express, { type Request } from 'express';
import { isLocale, type Locale } from '../../shared/locale';
import type { Arrival } from '../../shared/http-status/strings';
import { sendText, withStatus } from '../plain-text';
import { answerBodyError, readBody } from './request-body';
import { ENDPOINTS } from '../../shared/endpoints';

const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);
/** How much of the body the answer repeats: all of a note the form allows (200 characters) and its field name. */
const SHOWN_BODY_CHARS = 300;

export interface RedirectLabOptions {
  /** Renders the answer as a page, for a form sent without JavaScript. */
  renderArrival(arrival: Arrival, locale: Locale, nonce: string): string;
}

function shortened(text: string): string {
  return text.length > SHOWN_BODY_CHARS ? `${text.slice(0, SHOWN_BODY_CHARS)}…` : text;
}

function localeOf(req: Request): Locale {
  const lang = typeof req.query.lang === 'string' ? req.query.lang : '';
  return isLocale(lang) ? lang : 'zh';
}

/** A form body as the reader typed it: each field on its own line, percent-decoded. */
function readable(body: Buffer, contentType: string | undefined): string {
  const text = body.toString('utf8');
  if (!contentType?.startsWith('application/x-www-form-urlencoded')) return text;
  return [...new URLSearchParams(text)].map(([name, value]) => `${name}=${value}`).join('\n');
}

/**
 * The redirect lab. A form posts to /lab/redirect/:code, which answers that redirect; the browser
 * follows it to /lab/redirect/arrived, which reports the method and body that actually arrived.
 * Nothing is stored: the report goes back only to the browser that made the request.
 */
export function redirectLab(options: RedirectLabOptions): express.Router {
  const router = express.Router();
  router.all(ENDPOINTS.redirectArrived, (req, res, next) => {
    res.locals.route = ENDPOINTS.redirectArrived;
    res.set('Cache-Control', 'no-store');
    const via = Number(req.query.via);
    if (!REDIRECT_CODES.has(via))
      return sendText(req, res, 400, 'Bad request: via must be one of 301, 302, 303, 307, 308');
    readBody(req, res)
      .then((body) => {
        const arrival: Arrival = {
          via,
          method: req.method,
          contentType: req.get('content-type') ?? null,
          bodyBytes: body.length,
          body: shortened(readable(body, req.get('content-type'))),
        };
        if (req.accepts(['html', 'json']) === 'json') {
          res.json(arrival);
          return;
        }
        res.type('html').send(options.renderArrival(arrival, localeOf(req), res.locals.nonce as string));
      })
      .catch((error: unknown) => answerBodyError(req, res, error, next));
  });
  router.all(ENDPOINTS.redirectLab, (req, res, next) => {
    res.locals.route = ENDPOINTS.redirectLab;
    res.set('Cache-Control', 'no-store');
    const code = Number(req.params.code);
    if (!REDIRECT_CODES.has(code) || !/^[0-9]{3}$/.test(req.params.code)) {
      return sendText(req, res, 400, 'Bad request: the redirect lab sends 301, 302, 303, 307 or 308');
    }
    // The body is read (and bounded) before answering, so the connection is clean for the next request.
    readBody(req, res)
      .then(() => {
        withStatus(req, res, code)
          .set('Location', `${ENDPOINTS.redirectArrived}?via=${code}&lang=${localeOf(req)}`)
          .end();
      })
      .catch((error: unknown) => answerBodyError(req, res, error, next));
  });
  return router;
}
