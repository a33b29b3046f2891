import fs from 'node:fs';
import type { RequestHandler } from 'express';
import { ASSET_PREFIX, ENDPOINTS } from '../shared/endpoints';
import type { ClientBuild, StaticVariant } from './client-build';
import { preferredEncoding } from './encoding';

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Whether an If-None-Match field matches `etag`: `*`, or any listed tag by weak comparison
 * (RFC 9110 §13.1.2: W/ prefixes are ignored).
 */
export function noneMatch(field: string | undefined, etag: string): boolean {
  if (!field) return false;
  if (field.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return field.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}

/**
 * Serves the client build's files under /assets/. Only names the build listed are served, so no
 * path a client writes can reach anything else on disk. Precompressed br/gzip copies are chosen
 * by Accept-Encoding; hashed names make every file immutable.
 */
export function staticAssets(build: ClientBuild): RequestHandler {
  return (req, res, next) => {
    if (!req.path.startsWith(ASSET_PREFIX)) return next();
    res.locals.route = ENDPOINTS.asset;
    const file = build.files.get(req.path);
    if (!file) {
      res.status(404).type('text/plain').send('Not found\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(405).set('Allow', 'GET, HEAD').type('text/plain').send('Method not allowed\n');
      return;
    }
    const available = (['br', 'gzip'] as const).filter((coding) => file[coding]);
    const encoding = preferredEncoding(req, available);
    const body: StaticVariant = (encoding && file[encoding]) || file;
    res.set({ 'Content-Type': file.contentType, 'Cache-Control': IMMUTABLE, ETag: body.etag, Vary: 'Accept-Encoding' });
    if (encoding) res.set('Content-Encoding', encoding);
    if (noneMatch(req.headers['if-none-match'], body.etag)) {
      res.status(304).end();
      return;
    }
    res.set('Content-Length', String(body.size));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = fs.createReadStream(body.file);
    stream.on('error', next);
    // pipe() stops writing to a closed response but keeps the file open: close it too.
    res.once('close', () => stream.destroy());
    stream.pipe(res);
  };
}
