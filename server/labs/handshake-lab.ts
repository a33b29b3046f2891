import express from 'express';
import { ENDPOINTS } from '../../shared/endpoints';
import { getOnly } from '../plain-text';

/**
 * /lab/handshake, on the HTTP/1.1-only port: a small answer that closes its connection, so the
 * browser's next request there opens a new one, with a TCP and a TLS handshake of its own. The TCP
 * page measures them from Resource Timing, which Timing-Allow-Origin opens to it across origins.
 */
export function handshakeLab(): express.Router {
  const router = express.Router();
  router.all(ENDPOINTS.handshake, getOnly(ENDPOINTS.handshake));
  router.get(ENDPOINTS.handshake, (_req, res) => {
    res.locals.route = ENDPOINTS.handshake;
    res
      .set({
        'Cache-Control': 'no-store',
        'Access-Control-Allow-Origin': '*',
        'Timing-Allow-Origin': '*',
        Connection: 'close',
      })
      .type('text/plain')
      .send('This connection closes now: ask again for a fresh handshake.\n');
  });
  return router;
}
