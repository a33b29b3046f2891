import type { Request } from 'express';

/** A DNS name or an IP literal, with an optional port: what a Host or :authority may hold. */
const VALID_HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$/i;

/** The Host (HTTP/1.1) or :authority (h2) a request names, when it is a valid one; null otherwise. */
export function requestHost(req: Request): string | null {
  const host = req.headers.host ?? (req.headers[':authority'] as string | undefined);
  return host && VALID_HOST.test(host) ? host : null;
}

/** That host without its port: `localhost`, `127.0.0.1`, `[::1]`. */
export function requestHostname(req: Request): string | null {
  return requestHost(req)?.replace(/:[0-9]+$/, '') ?? null;
}
