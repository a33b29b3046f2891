/**
 * HTTP Range requests (RFC 9110 §14): parse a `Range: bytes=…` header, decide what to send for a
 * representation of a given length. Pure, and linear in the header's length: it scans characters
 * once, with no backtracking regular expression for hostile input to exploit.
 */

/** One range-spec as written: `first-last`, `first-` (last null) or a suffix `-length`. */
export type RangeSpec = { first: number; last: number | null } | { suffix: number };

/** A byte range to send, both ends inclusive, within the representation. */
export interface ByteRange {
  start: number;
  end: number;
}

export type RangeDecision =
  /** Send the whole representation with 200: no Range, another unit, invalid syntax, or an abusive set (§14.2). */
  | { kind: 'whole'; reason: 'absent' | 'unit' | 'syntax' | 'abusive' }
  /** 416 with `Content-Range: bytes *\/length` (§15.5.17). */
  | { kind: 'unsatisfiable' }
  /** 206 with these ranges, ascending and coalesced. */
  | { kind: 'partial'; ranges: ByteRange[] };

export interface RangeOptions {
  /** More range-specs than this are served as the whole representation (default 32). */
  maxRanges?: number;
  /** A header longer than this is ignored (default 4096 characters). */
  maxHeaderLength?: number;
  /** Ranges closer than this many bytes are sent as one (default 80: about a part's own header). */
  coalesceGap?: number;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const isWhitespace = (code: number) => code === 32 || code === 9;

/**
 * The range-specs of a `bytes` Range header (§14.1.2), or why there are none to use: another range
 * unit (`unit`) or invalid syntax (`syntax`, which includes last-pos < first-pos, §14.1.1).
 */
export function parseRange(header: string, maxHeaderLength = 4096): RangeSpec[] | 'unit' | 'syntax' {
  if (header.length > maxHeaderLength) return 'syntax';
  const equals = header.indexOf('=');
  if (equals === -1) return 'syntax';
  if (header.slice(0, equals).trim().toLowerCase() !== 'bytes') return 'unit';
  const specs: RangeSpec[] = [];
  let i = equals + 1;
  const readNumber = (): number | null => {
    const begin = i;
    let value = 0;
    while (i < header.length && isDigit(header.charCodeAt(i))) {
      // Beyond 2^53 the exact value no longer matters: it is past any length we serve.
      value = Math.min(value * 10 + (header.charCodeAt(i) - 48), Number.MAX_SAFE_INTEGER);
      i++;
    }
    return i === begin ? null : value;
  };
  for (;;) {
    while (i < header.length && isWhitespace(header.charCodeAt(i))) i++;
    if (header[i] === '-') {
      i++;
      const suffix = readNumber();
      if (suffix === null) return 'syntax';
      specs.push({ suffix });
    } else {
      const first = readNumber();
      if (first === null || header[i] !== '-') return 'syntax';
      i++;
      const last = readNumber();
      if (last !== null && last < first) return 'syntax';
      specs.push({ first, last });
    }
    while (i < header.length && isWhitespace(header.charCodeAt(i))) i++;
    if (i === header.length) return specs;
    if (header[i] !== ',') return 'syntax';
    i++;
    // The list syntax (§5.6.1) lets empty elements stand between commas.
    while (i < header.length && (isWhitespace(header.charCodeAt(i)) || header[i] === ',')) i++;
    if (i === header.length) return specs;
  }
}

/**
 * What to send for `header` (the request's Range, if any) against a representation of `length`
 * bytes: the whole, 416, or ascending coalesced ranges. Unsatisfiable specs are dropped; if none is
 * left, 416 (§14.1.1). Too many specs, or ones that ask for more bytes than twice the length
 * (overlap used to amplify a response), get the whole representation (§14.2 lets a server ignore them).
 */
export function decideRange(header: string | undefined, length: number, options: RangeOptions = {}): RangeDecision {
  const { maxRanges = 32, maxHeaderLength = 4096, coalesceGap = 80 } = options;
  if (header === undefined) return { kind: 'whole', reason: 'absent' };
  if (header.length > maxHeaderLength) return { kind: 'whole', reason: 'abusive' };
  const specs = parseRange(header, maxHeaderLength);
  if (specs === 'unit' || specs === 'syntax') return { kind: 'whole', reason: specs };
  if (specs.length > maxRanges) return { kind: 'whole', reason: 'abusive' };
  const ranges: ByteRange[] = [];
  let requested = 0;
  for (const spec of specs) {
    let range: ByteRange | null = null;
    if ('suffix' in spec) {
      if (spec.suffix > 0 && length > 0) range = { start: Math.max(0, length - spec.suffix), end: length - 1 };
    } else if (spec.first < length) {
      range = { start: spec.first, end: spec.last === null ? length - 1 : Math.min(spec.last, length - 1) };
    }
    if (!range) continue;
    ranges.push(range);
    requested += range.end - range.start + 1;
  }
  if (ranges.length === 0) return { kind: 'unsatisfiable' };
  if (ranges.length > 1 && requested > 2 * length) return { kind: 'whole', reason: 'abusive' };
  ranges.sort((a, b) => a.start - b.start);
  const merged: ByteRange[] = [];
  for (const range of ranges) {
    const previous = merged.at(-1);
    if (previous && range.start <= previous.end + 1 + coalesceGap) previous.end = Math.max(previous.end, range.end);
    else merged.push(range);
  }
  return { kind: 'partial', ranges: merged };
}

/** The Content-Range of a part (§14.4): `bytes start-end/length`, or `bytes *\/length` for a 416. */
export function contentRange(range: ByteRange | null, length: number): string {
  return range ? `bytes ${range.start}-${range.end}/${length}` : `bytes */${length}`;
}

/**
 * A Content-Range as `contentRange` writes it, read back: the range (null for `bytes *\/length`)
 * and the complete length; null when it is not a byte Content-Range (§14.4).
 */
export function parseContentRange(value: string): { range: ByteRange | null; length: number } | null {
  const match = /^bytes (?:(\d{1,15})-(\d{1,15})|\*)\/(\d{1,15})$/.exec(value.trim());
  if (!match) return null;
  const length = Number(match[3]);
  if (match[1] === undefined) return { range: null, length };
  const range = { start: Number(match[1]), end: Number(match[2]) };
  return range.start <= range.end && range.end < length ? { range, length } : null;
}
