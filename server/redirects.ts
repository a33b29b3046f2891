/**
 * Where a plain-HTTP request goes on the HTTPS origin: the same path and query, never another
 * host. Leading slashes and backslashes are folded, since browsers read `//host` and `/\host`
 * as another origin, and an absolute-form target stays a path.
 */
export function httpsLocation(requestTarget: string | undefined, publicOrigin: string): string {
  const pathAndQuery = (requestTarget ?? '').replace(/^[/\\]+/, '');
  const url = new URL(`/${pathAndQuery}`, publicOrigin);
  return url.origin === publicOrigin ? url.href : `${publicOrigin}/`;
}

/**
 * The canonical form of a path that has a trailing slash, repeated slashes or backslashes (which
 * browsers treat as slashes): one slash between segments, none at the end. Null when the path is
 * canonical already. The result always starts with exactly one slash, so it stays on this origin.
 */
export function canonicalPath(path: string): string | null {
  if (path === '/' || (!path.endsWith('/') && !/\/\/|\\/.test(path))) return null;
  return `/${path
    .split(/[/\\]+/)
    .filter(Boolean)
    .join('/')}`;
}
