/** The HPACK playground's input: header lines as a reader types them, checked before encoding. */
import type { Header } from '../../shared/hpack';

export type LineProblem =
  | { line: number; kind: 'no-colon' }
  | { line: number; kind: 'empty-name' }
  | { line: number; kind: 'upper-case'; name: string }
  /** Not an RFC 9110 token: spaces, non-ASCII, separators. */
  | { line: number; kind: 'not-a-token'; name: string }
  /** A pseudo-header HTTP/2 does not define (RFC 9113 §8.3; :protocol is RFC 8441's). */
  | { line: number; kind: 'unknown-pseudo'; name: string }
  /** Pseudo-headers come before every other field (RFC 9113 §8.3). */
  | { line: number; kind: 'pseudo-after-field'; name: string }
  /** A connection-specific field, which HTTP/2 forbids (RFC 9113 §8.2.2). */
  | { line: number; kind: 'connection-specific'; name: string };

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;
const PSEUDO_HEADERS = new Set([':method', ':scheme', ':authority', ':path', ':status', ':protocol']);
const CONNECTION_SPECIFIC = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

/**
 * `name: value` lines, one field each; blank lines are skipped. The name ends at the first colon
 * after the line's first character, so a pseudo-header such as `:method: GET` keeps its own colon.
 * Names are not lower-cased for the reader: an upper-case name is reported, as HTTP/2 would refuse it.
 */
export function parseHeaderLines(text: string): { headers: Header[]; problems: LineProblem[] } {
  const headers: Header[] = [];
  const problems: LineProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const colon = line.indexOf(':', 1);
    // ': value' has a colon but no name; ':method GET' lacks the colon after the name.
    if (colon === -1)
      return problems.push({ line: i + 1, kind: line === ':' || /^:\s/.test(line) ? 'empty-name' : 'no-colon' });
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name === '' || name === ':') return problems.push({ line: i + 1, kind: 'empty-name' });
    if (/[A-Z]/.test(name)) return problems.push({ line: i + 1, kind: 'upper-case', name });
    const pseudo = name.startsWith(':');
    if (!TOKEN.test(pseudo ? name.slice(1) : name)) return problems.push({ line: i + 1, kind: 'not-a-token', name });
    if (pseudo && !PSEUDO_HEADERS.has(name)) return problems.push({ line: i + 1, kind: 'unknown-pseudo', name });
    if (pseudo && headers.some((header) => !header.name.startsWith(':')))
      return problems.push({ line: i + 1, kind: 'pseudo-after-field', name });
    // TE is allowed with the one value "trailers".
    if (CONNECTION_SPECIFIC.has(name) || (name === 'te' && value !== 'trailers'))
      return problems.push({ line: i + 1, kind: 'connection-specific', name });
    headers.push({ name, value });
  });
  return { headers, problems };
}

const utf8 = new TextEncoder();

/**
 * The same message as HTTP/1.1 puts it on the wire, up to the body (RFC 9112 §2.1, RFC 9113 §8.3):
 * a request line from :method and :path (CONNECT, which has no :path, uses :authority), or a
 * status line from :status; :authority becomes the host field, first; :scheme and any other
 * pseudo-header have no HTTP/1.1 form; then a line per field, and the empty line that ends them.
 * Cookie fields become one, joined by "; " as RFC 9113 §8.2.3 requires. A list with neither
 * :method nor :status gets no start line.
 */
export function http1Text(headers: Header[]): string {
  const pseudo = (name: string) => headers.find((header) => header.name === name)?.value;
  const method = pseudo(':method');
  const status = pseudo(':status');
  const authority = pseudo(':authority');
  // HTTP/2 has no reason phrase; the status line still needs the space before the empty one (RFC 9112 §4).
  const start =
    status !== undefined
      ? `HTTP/1.1 ${status} \r\n`
      : method !== undefined
        ? `${method} ${pseudo(':path') ?? authority ?? ''} HTTP/1.1\r\n`
        : '';
  const lines: string[] = authority !== undefined ? [`host: ${authority}`] : [];
  const cookies = headers.filter((header) => header.name === 'cookie').map((header) => header.value);
  for (const { name, value } of headers) {
    if (name.startsWith(':') || (name === 'host' && authority !== undefined)) continue; // :authority already gave the host
    if (name !== 'cookie') lines.push(`${name}: ${value}`);
    else if (cookies.length > 0) lines.push(`cookie: ${cookies.splice(0).join('; ')}`); // all of them, where the first was
  }
  return start + lines.map((line) => `${line}\r\n`).join('') + '\r\n';
}

/** The octets of `http1Text(headers)`: what the same header list costs as HTTP/1.1. */
export function http1Size(headers: Header[]): number {
  return utf8.encode(http1Text(headers)).length;
}

/**
 * nghttp2's rule (deflate_nv in nghttp2_hd.c), which curl and Node.js follow: every
 * `authorization` field, and a `cookie` under 20 octets, is sent never indexed. Short secrets are
 * the ones an attacker can guess whole (CRIME-style), and a table entry would confirm the guess.
 */
export function nghttp2NeverIndexes({ name, value }: Header): boolean {
  return name === 'authorization' || (name === 'cookie' && utf8.encode(value).length < 20);
}
