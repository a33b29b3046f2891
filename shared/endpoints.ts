/**
 * Every address the server answers besides the pages, once: the server routes these patterns and
 * the pages' widgets build their requests from them, so a lab's URL is spelled in one place.
 * Patterns use Express's `:param` syntax; `endpointPath` fills them in.
 */
export const ENDPOINTS = {
  health: '/healthz',
  favicon: '/favicon.svg',
  robots: '/robots.txt',
  sitemap: '/sitemap.xml',
  /** The client build's hashed files. */
  asset: '/assets/:file',
  /** The live wire (WebSocket, subprotocol wirebook.v1). */
  feed: '/live',
  /** The WebSocket echo lab. */
  echo: '/lab/echo',
  /** Answers with the status code `:code` and the fields it needs. */
  statusLab: '/lab/status/:code',
  /** Answers `:code` (301, 302, 303, 307, 308) with a Location to `redirectArrived`. */
  redirectLab: '/lab/redirect/:code',
  /** Reports the method and body that arrived after a redirect. */
  redirectArrived: '/lab/redirect/arrived',
  /** Requests `?path=` of the server itself over HTTP/2 and reports every response head. */
  trace: '/lab/trace',
  /** The HTTP/2 connection that carried the request. */
  h2Session: '/lab/h2/session',
  /** The waterfall lab's small responses, on both TLS ports. */
  tile: '/lab/tiles/:n',
  /** On the HTTP/1.1-only port: a response that closes its connection, so each ask opens a fresh one. */
  handshake: '/lab/handshake',
  /** The seeded demo files for Range requests. */
  demoFile: '/lab/files/:name',
  /** A reader's own file that changes on POST, for If-Range. */
  changingFile: '/lab/changing/:reader',
} as const;

/** Where the client build's files are served from: the asset pattern without its parameter. */
export const ASSET_PREFIX = ENDPOINTS.asset.slice(0, -':file'.length);

export type EndpointName = keyof typeof ENDPOINTS;
/** A route pattern of the table, such as `/lab/status/:code`. */
export type EndpointPattern = (typeof ENDPOINTS)[EndpointName];

/** The `:param` names of a pattern, as a union. */
type ParamsOf<Pattern extends string> = Pattern extends `${string}:${infer Param}/${infer Rest}`
  ? Param | ParamsOf<`/${Rest}`>
  : Pattern extends `${string}:${infer Param}`
    ? Param
    : never;

type ParamValues<Name extends EndpointName, Value = string | number> = Record<
  ParamsOf<(typeof ENDPOINTS)[Name]>,
  Value
>;

/**
 * The path of an endpoint with its parameters filled in (each percent-encoded), such as
 * `endpointPath('statusLab', { code: 404 })` → `/lab/status/404`. The compiler checks the names.
 */
export function endpointPath<Name extends EndpointName>(
  name: Name,
  ...[params]: ParamsOf<(typeof ENDPOINTS)[Name]> extends never ? [] : [ParamValues<Name>]
): string {
  const values = (params ?? {}) as Record<string, string | number>;
  return ENDPOINTS[name].replace(/:(\w+)/g, (_, param: string) => encodeURIComponent(String(values[param])));
}

/** The parameters of `path` if it is an address of `name`'s pattern (decoded), or null. */
export function matchEndpoint<Name extends EndpointName>(name: Name, path: string): ParamValues<Name, string> | null {
  const names: string[] = [];
  const source = ENDPOINTS[name].replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, param: string) => {
    names.push(param);
    return '([^/]+)';
  });
  const match = new RegExp(`^${source}$`).exec(path);
  if (!match) return null;
  try {
    return Object.fromEntries(
      names.map((param, i) => [param, decodeURIComponent(match[i + 1] as string)]),
    ) as ParamValues<Name, string>;
  } catch {
    return null;
  }
}
