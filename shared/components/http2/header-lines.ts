/** The HPACK playground's input: header lines as a reader types them, checked before encoding. */
import type { Header } from '../../hpack';

export type LineProblem =
  | { line: number; kind: 'no-colon' }
  | { line: number; kind: 'empty-name' }
  | { line: number; kind: 'upper-case'; name: string };

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
    if (colon === -1) return problems.push({ line: i + 1, kind: line === ':' || /^:\s/.test(line) ? 'empty-name' : 'no-colon' });
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name === '' || name === ':') return problems.push({ line: i + 1, kind: 'empty-name' });
    if (/[A-Z]/.test(name)) return problems.push({ line: i + 1, kind: 'upper-case', name });
    headers.push({ name, value });
  });
  return { headers, problems };
}

const utf8 = new TextEncoder();

/** The octets of the same fields as HTTP/1.1 header lines: `name: value\r\n` each. */
export function http1Size(headers: Header[]): number {
  return headers.reduce((sum, { name, value }) => sum + utf8.encode(`${name}: ${value}\r\n`).length, 0);
}
