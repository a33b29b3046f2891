import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import http2Express from 'http2-express-bridge';
import { ENDPOINTS } from '../shared/endpoints';
import { LOCALES, locatePath, pagePath } from '../shared/locale';
import type { ClientBuild } from './client-build';
import { FAVICON_SVG } from './favicon';
import { DEMO_FILES } from './files/demo-files';
import { ChangingFiles } from './files/changing-files';
import { SlowLanes } from './files/slow-lanes';
import { refusePartialPut, serveDemoFile } from './files/serve-demo-file';
import type { LiveWire } from './feed/live-wire';
import type { Logger } from './logger';
import { pageRoute } from './locals';
import { requestHost } from './host';
import { SharedStateUnavailableError } from './redis';
import { getOnly, sendText } from './plain-text';
import { canonicalPath } from './redirects';
import { LoadShedder } from './load-shedder';
import { renderPage } from './render';
import { ShellCache } from './shell';
import { requestLog } from './request-log';
import { securityHeaders } from './security';
import { searchPage } from './search-page';
import { robotsTxt, sitemapXml } from './seo';
import type { Site } from './site';
import { staticAssets } from './static-assets';
import { redirectLab } from './labs/redirect-lab';
import { SessionStreams } from './labs/h2-session';
import { traceLab, type OwnAddress } from './labs/interim-trace';
import type { LabSettings } from '../shared/page';
import { tilesLab } from './labs/tiles';
import { statusLab } from './labs/status-lab';
import { arrivalDocument, errorDocument, localeOfPath, notFoundDocument } from './status-pages';

export interface AppOptions {
  site: Site;
  wire: LiveWire;
  build: ClientBuild;
  logger: Logger;
  /** Base of canonical URLs; never taken from the request's Host. */
  publicOrigin: string;
  renderDeadlineMs: number;
  /** Event-loop lag past which live islands are left for the browser; null never. */
  shedLagMs: number | null;
  labs: LabSettings;
  /** Where the secure server listens, for the labs that request this server from itself. */
  ownAddress: () => OwnAddress;
  /** The readers' changing files; their versions live in Redis when instances share state. */
  changingFiles?: ChangingFiles;
  /** Routes only `npm run dev` serves (the reload stream); absent in production. */
  devRoutes?: express.Router;
}

const PAGE_METHODS = 'GET, HEAD, OPTIONS';

function plain(req: express.Request, res: express.Response, status: number, message: string): void {
  res.locals.route ??= '(bad request)';
  sendText(req, res, status, message);
}

/** Node enforces this on HTTP/1.1 (431); the same limit holds for an h2 header list (RFC 9113 §6.5.2 sizes). */
const MAX_HEADER_BYTES = 16 * 1024;

function headerListSize(rawHeaders: string[]): number {
  let size = 0;
  for (const field of rawHeaders) size += Buffer.byteLength(field) + 16; // 32 per name-value pair
  return size;
}

/** At most three UTF-8 bytes per UTF-16 unit: a list whose length is well under the limit needs no byte count. */
function headersMayBeTooLarge(rawHeaders: string[]): boolean {
  let units = 0;
  for (const field of rawHeaders) units += field.length;
  return units * 3 + rawHeaders.length * 16 > MAX_HEADER_BYTES && headerListSize(rawHeaders) > MAX_HEADER_BYTES;
}

/** Turns away requests no route should see: oversized headers, a bad Host, a path that does not decode. */
const validateRequest: RequestHandler = (req, res, next) => {
  if (headersMayBeTooLarge(req.rawHeaders)) return plain(req, res, 431, 'Request header fields too large');
  if (!requestHost(req)) return plain(req, res, 400, 'Bad request: missing or invalid Host');
  const path = req.path;
  let decoded = path;
  // Only a path with a % needs decoding: most never do.
  if (path.includes('%')) {
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return plain(req, res, 400, 'Bad request: malformed percent-encoding in the path');
    }
  }
  if (decoded.includes('\0')) return plain(req, res, 400, 'Bad request: NUL in the path');
  // The only expectation HTTP defines; Node would answer any other 417 itself, bypassing the app.
  const expect = req.headers.expect;
  if (expect !== undefined && expect.toLowerCase() !== '100-continue')
    return plain(
      req,
      res,
      417,
      `Expectation failed: this server meets only "100-continue", not ${JSON.stringify(expect.slice(0, 40))}`,
    );
  next();
};

/** `/architecture/` → `/architecture`, permanently, keeping the query. */
const normaliseSlashes: RequestHandler = (req, res, next) => {
  const clean = canonicalPath(req.path);
  if (clean === null) return next();
  const queryAt = req.originalUrl.indexOf('?');
  res.locals.route = '(redirect)';
  res.redirect(301, clean + (queryAt === -1 ? '' : req.originalUrl.slice(queryAt)));
};

/**
 * The Express app (no listening: `main.ts` does that, tests drive it directly). Routes come from
 * the site, which comes from the pages/ folders.
 */
export function createApp(options: AppOptions): Express {
  const { site, build, logger } = options;
  const app = http2Express(express) as unknown as Express;
  app.disable('x-powered-by');
  app.set('etag', false);
  const sessions = new SessionStreams();
  const shells = new ShellCache({
    site,
    build,
    publicOrigin: options.publicOrigin,
    labs: options.labs,
    logger,
    deadlineMs: options.renderDeadlineMs,
  });
  const shedder = new LoadShedder({ thresholdMs: options.shedLagMs });
  app.use(requestLog(logger, options.wire.observeResponse, sessions.observe));
  app.use(securityHeaders(() => options.labs.h1Port));
  app.use(validateRequest);

  // Pages first: one lookup of the exact path, ahead of the routers the labs need.
  const pages = new Map(
    site.all.flatMap((page) => LOCALES.map((locale) => [pagePath(locale, page.slug), { page, locale }] as const)),
  );
  const renderContext = { site, wire: options.wire, shells, logger, shedder };
  app.use((req, res, next) => {
    const found = pages.get(req.path);
    if (!found) return next();
    const { page, locale } = found;
    res.locals.route = pageRoute(locale, page.pattern);
    if (req.method === 'OPTIONS') {
      res.status(204).set('Allow', PAGE_METHODS).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.set('Allow', PAGE_METHODS);
      return plain(req, res, 405, `Method not allowed: ${req.method}. This page answers ${PAGE_METHODS}.`);
    }
    renderPage(req, res, page, locale, renderContext).catch(next);
  });

  const router = express.Router();
  router.get(ENDPOINTS.health, (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok', load: shedder.status(), shellBytes: shells.bytes });
  });
  router.get(ENDPOINTS.favicon, (_req, res) => {
    res.type('image/svg+xml').set('Cache-Control', 'public, max-age=86400').send(FAVICON_SVG);
  });
  router.get(ENDPOINTS.robots, (_req, res) => {
    res.type('text/plain').send(robotsTxt(options.publicOrigin));
  });
  const sitemap = sitemapXml(site, options.publicOrigin);
  router.get(ENDPOINTS.sitemap, (_req, res) => {
    res.type('application/xml').send(sitemap);
  });
  const slowLanes = new SlowLanes();
  router.all(ENDPOINTS.demoFile, refusePartialPut(ENDPOINTS.demoFile), getOnly(ENDPOINTS.demoFile));
  router.get(
    ENDPOINTS.demoFile,
    serveDemoFile(
      ENDPOINTS.demoFile,
      (req) =>
        DEMO_FILES.get(req.params.name ?? '') ??
        `No demo file by that name; there are ${[...DEMO_FILES.keys()].join(', ')}`,
      slowLanes,
    ),
  );
  const changing = options.changingFiles ?? new ChangingFiles();
  const badReader = 'A reader id is 16 to 64 characters of A-Z, a-z, 0-9, _ and -';
  router.get(
    ENDPOINTS.changingFile,
    serveDemoFile(
      ENDPOINTS.changingFile,
      (req) => {
        const reader = req.params.reader ?? '';
        return ChangingFiles.isReaderId(reader) ? changing.fileOf(reader) : badReader;
      },
      slowLanes,
    ),
  );
  router.post(ENDPOINTS.changingFile, (req, res, next) => {
    res.locals.route = ENDPOINTS.changingFile;
    if (!ChangingFiles.isReaderId(req.params.reader)) return plain(req, res, 400, `Bad request: ${badReader}`);
    changing
      .change(req.params.reader)
      .then((change) => {
        res.set('Cache-Control', 'no-store');
        if (change.changed) return void res.json({ version: change.version });
        res.set('Retry-After', String(Math.ceil(change.retryAfterMs / 1000)));
        plain(req, res, 429, 'Too many changes: this file makes a new version at most every few seconds');
      })
      .catch(next);
  });
  router.use(statusLab());
  router.use(sessions.router());
  router.use(tilesLab(options.labs));
  router.use(
    traceLab({
      ownAddress: options.ownAddress,
      isPage: (path) => site.find(locatePath(path)?.slug ?? '\0') !== undefined,
    }),
  );
  router.use(
    redirectLab({
      renderArrival: (arrival, locale, nonce) => arrivalDocument({ site, build, locale, nonce }, arrival),
    }),
  );
  if (options.devRoutes) router.use(options.devRoutes);
  router.use(searchPage({ site, build }));
  router.use(staticAssets(build));
  router.use(normaliseSlashes);
  app.use(router);

  app.use((req, res) => {
    res.locals.route = '(not found)';
    const page = { site, build, locale: localeOfPath(req.path), nonce: res.locals.nonce as string };
    const located = locatePath(req.path);
    const nearby = located ? site.nearby(located.slug, located.locale) : [];
    res.status(404).type('html').set('Cache-Control', 'no-cache').send(notFoundDocument(page, nearby));
  });
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    // An error raised before Express's own init middleware ran leaves no res.locals.
    res.locals ??= {};
    if (err instanceof SharedStateUnavailableError && !res.headersSent) {
      logger.warn({ err, method: req.method, path: req.originalUrl }, 'shared state unavailable');
      res.set('Retry-After', String(err.retryAfterS));
      return plain(req, res, err.status, err.message);
    }
    logger.error({ err, method: req.method, path: req.originalUrl }, 'request failed');
    res.locals.route = '(error)';
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const page = { site, build, locale: localeOfPath(req.path), nonce: (res.locals.nonce as string | undefined) ?? '' };
    res.status(500).type('html').set('Cache-Control', 'no-store').send(errorDocument(page));
  };
  app.use(onError);
  return app;
}
