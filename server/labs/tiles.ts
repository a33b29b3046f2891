import { randomBytes } from 'node:crypto';
import express, { type Request } from 'express';
import { CONNECTION_HEADER } from '../../shared/http2/session';
import type { LabSettings } from '../../shared/page';
import { h2StreamOf } from '../request-log';
import { getOnly } from '../plain-text';
import { ENDPOINTS } from '../../shared/endpoints';
import { BAD_PACE, paceOf, SLOW_PACE } from '../../shared/lab-pace';

const MAX_TILE = 999;

// A random name per connection, so a page can count the connections its tiles came over.
const connectionNames = new WeakMap<object, string>();

/** The connection a request came over: its h2 session, or its HTTP/1.1 socket. */
function connectionOf(req: Request): object {
  return h2StreamOf(req)?.session ?? req.socket;
}

function connectionName(req: Request): string {
  const key = connectionOf(req);
  let name = connectionNames.get(key);
  if (!name) {
    name = randomBytes(3).toString('hex');
    connectionNames.set(key, name);
  }
  return name;
}

/**
 * /lab/tiles/:n, the waterfall lab's small responses: each waits the configured delay, then says
 * which connection carried it. Served on both ports and fetched across origins, so CORS and
 * Timing-Allow-Origin let the page read the connection and the full Resource Timing. In slow mode
 * (`?pace=slow`) each waits SLOW_PACE.tileDelayMs instead, a fixed bound, so the queueing can be watched.
 */
export function tilesLab(settings: Pick<LabSettings, 'tileDelayMs'>): express.Router {
  const router = express.Router();
  router.all(ENDPOINTS.tile, getOnly(ENDPOINTS.tile));
  router.get(ENDPOINTS.tile, (req, res) => {
    res.locals.route = ENDPOINTS.tile;
    res.set({
      'Cache-Control': 'no-store',
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': CONNECTION_HEADER,
      'Timing-Allow-Origin': '*',
    });
    const n = req.params.n;
    if (!/^[0-9]{1,3}$/.test(n) || Number(n) > MAX_TILE) {
      res.status(400).type('text/plain').send(`Bad request: a tile number is 0 to ${MAX_TILE}\n`);
      return;
    }
    const pace = paceOf(req.query[SLOW_PACE.param]);
    if (pace === null) return void res.status(400).type('text/plain').send(`${BAD_PACE}\n`);
    const name = connectionName(req);
    setTimeout(
      () => {
        if (res.writableEnded || req.destroyed) return;
        res.set(CONNECTION_HEADER, name).type('text/plain').send(`tile ${n}\n`);
      },
      pace === 'slow' ? SLOW_PACE.tileDelayMs : settings.tileDelayMs,
    );
  });
  return router;
}
