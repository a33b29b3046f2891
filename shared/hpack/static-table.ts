/** The static table (RFC 7541 Appendix A): 61 fields, indices 1–61, that every peer knows. */

export const STATIC_TABLE: readonly (readonly [name: string, value: string])[] = [
  [':authority', ''],
  [':method', 'GET'],
  [':method', 'POST'],
  [':path', '/'],
  [':path', '/index.html'],
  [':scheme', 'http'],
  [':scheme', 'https'],
  [':status', '200'],
  [':status', '204'],
  [':status', '206'],
  [':status', '304'],
  [':status', '400'],
  [':status', '404'],
  [':status', '500'],
  ['accept-charset', ''],
  ['accept-encoding', 'gzip, deflate'],
  ['accept-language', ''],
  ['accept-ranges', ''],
  ['accept', ''],
  ['access-control-allow-origin', ''],
  ['age', ''],
  ['allow', ''],
  ['authorization', ''],
  ['cache-control', ''],
  ['content-disposition', ''],
  ['content-encoding', ''],
  ['content-language', ''],
  ['content-length', ''],
  ['content-location', ''],
  ['content-range', ''],
  ['content-type', ''],
  ['cookie', ''],
  ['date', ''],
  ['etag', ''],
  ['expect', ''],
  ['expires', ''],
  ['from', ''],
  ['host', ''],
  ['if-match', ''],
  ['if-modified-since', ''],
  ['if-none-match', ''],
  ['if-range', ''],
  ['if-unmodified-since', ''],
  ['last-modified', ''],
  ['link', ''],
  ['location', ''],
  ['max-forwards', ''],
  ['proxy-authenticate', ''],
  ['proxy-authorization', ''],
  ['range', ''],
  ['referer', ''],
  ['refresh', ''],
  ['retry-after', ''],
  ['server', ''],
  ['set-cookie', ''],
  ['strict-transport-security', ''],
  ['transfer-encoding', ''],
  ['user-agent', ''],
  ['vary', ''],
  ['via', ''],
  ['www-authenticate', ''],
];

/** The dynamic table's indices start right after the static table's. */
export const STATIC_TABLE_LENGTH = STATIC_TABLE.length;

// The lowest index wins on both maps: Map#set only for the first occurrence.
const byField = new Map<string, number>();
const byName = new Map<string, number>();
STATIC_TABLE.forEach(([name, value], i) => {
  const key = `${name}\n${value}`; // '\n' cannot occur in an HTTP field name
  if (!byField.has(key)) byField.set(key, i + 1);
  if (!byName.has(name)) byName.set(name, i + 1);
});

/** The static index of a field with this name and value, or 0. */
export function staticIndexOf(name: string, value: string): number {
  return byField.get(`${name}\n${value}`) ?? 0;
}

/** The lowest static index with this name, or 0. */
export function staticNameIndexOf(name: string): number {
  return byName.get(name) ?? 0;
}
