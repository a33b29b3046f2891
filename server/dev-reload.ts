import { randomBytes } from 'node:crypto';
import express, { type Response } from 'express';
import type { AssetInfo } from '../shared/page';
import type { ClientBuild } from './client-build';

// Served only by `npm run dev`: the production server has no such routes and its pages no such script.
/** An EventSource stream that tells pages which server they are talking to. */
export const DEV_EVENTS_ROUTE = '/__wirebook/dev/events';
/** The small script a dev page loads to follow that stream. */
export const DEV_SCRIPT_ROUTE = '/__wirebook/dev/reload.js';
export type DevRoute = typeof DEV_EVENTS_ROUTE | typeof DEV_SCRIPT_ROUTE;

/**
 * The browser half, plain JavaScript sent as it is. A page knows the server version it was rendered
 * by (its script's `v`); the stream tells it the version of the server running now, on connect and
 * again after every restart (EventSource reconnects by itself), and the page reloads when they differ.
 */
const RELOAD_SCRIPT = `(() => {
  const rendered = new URL(document.currentScript.src).searchParams.get('v');
  const events = new EventSource(${JSON.stringify(DEV_EVENTS_ROUTE)});
  events.addEventListener('version', (event) => {
    if (event.data === rendered) return;
    events.close();
    location.reload();
  });
})();
`;

/** How soon a page's EventSource tries again while the server restarts. */
const RETRY_MS = 250;

export interface DevReload {
  /** A random name for this server process: a restart, and so any rebuild or edit, changes it. */
  version: string;
  router: express.Router;
  /** The client build with the reload script added to every page's assets. */
  withReloadScript(build: ClientBuild): ClientBuild;
  /** Ends the open streams, so a restart need not wait for them. */
  close(): void;
}

/** The reload half of `npm run dev`, on the dev server itself (the same TLS and h2 server as production). */
export function createDevReload(): DevReload {
  const version = randomBytes(8).toString('hex');
  const streams = new Set<Response>();
  const router = express.Router();
  router.get(DEV_SCRIPT_ROUTE, (_req, res) => {
    res.locals.route = DEV_SCRIPT_ROUTE;
    res.type('text/javascript').set('Cache-Control', 'no-store').send(RELOAD_SCRIPT);
  });
  router.get(DEV_EVENTS_ROUTE, (req, res) => {
    res.locals.route = DEV_EVENTS_ROUTE;
    res.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    res.flushHeaders();
    res.write(`retry: ${RETRY_MS}\nevent: version\ndata: ${version}\n\n`);
    streams.add(res);
    req.on('close', () => streams.delete(res));
  });
  const script: AssetInfo = {
    url: `${DEV_SCRIPT_ROUTE}?v=${version}`,
    kind: 'script',
    bytes: 0,
    gzipBytes: null,
    brotliBytes: null,
  };
  return {
    version,
    router,
    withReloadScript: (build) => ({
      ...build,
      // Every page, also one that ships no script of its own.
      assetsOf: (entry) => [...build.assetsOf(entry), script],
    }),
    close: () => {
      for (const res of streams) res.end();
      streams.clear();
    },
  };
}
