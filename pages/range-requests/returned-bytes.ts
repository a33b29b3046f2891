import { parseContentRange, type ByteRange } from '../../shared/range/range-engine';
import { formatHex } from '../../shared/format';

/** A run of the file's bytes that came back: where it sits in the file, and as much of it as was read. */
export interface ReturnedPart {
  range: ByteRange;
  bytes: Uint8Array;
}

/** Which bytes of a file of `length` bytes a response carried. */
export interface ReturnedBytes {
  length: number;
  parts: ReturnedPart[];
}

const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');

/**
 * The parts of a multipart/byteranges body (RFC 9110 §14.6), each placed by its Content-Range. A
 * part's data is taken by the length its Content-Range gives, never by looking for the boundary in
 * it (binary data may hold anything); `body` may be a prefix of the whole, and a part cut short keeps
 * what arrived.
 */
export function multipartParts(body: Uint8Array, boundary: string): ReturnedBytes | null {
  const text = latin1(body);
  const parts: ReturnedPart[] = [];
  let length: number | null = null;
  let at = text.indexOf(`--${boundary}`);
  while (at !== -1 && !text.startsWith(`--${boundary}--`, at)) {
    const headEnd = text.indexOf('\r\n\r\n', at);
    if (headEnd === -1) break;
    const contentRange = /\r\ncontent-range:[ \t]*([^\r\n]*)/i.exec(text.slice(at, headEnd + 2))?.[1];
    const parsed = contentRange === undefined ? null : parseContentRange(contentRange);
    if (!parsed?.range) return null;
    length = parsed.length;
    const start = headEnd + 4;
    const end = start + parsed.range.end - parsed.range.start + 1;
    parts.push({ range: parsed.range, bytes: body.subarray(start, Math.min(end, body.length)) });
    // After the data: CRLF, then the next delimiter.
    at = end + 2 <= text.length && text.startsWith(`--${boundary}`, end + 2) ? end + 2 : -1;
  }
  return length === null ? null : { length, parts };
}

/**
 * Which bytes of the file a response carried, from its status and headers and (a prefix of) its
 * body: 200 the whole file, 206 one range or several (multipart), 416 none; null when it says too
 * little to tell.
 */
export function returnedBytes(
  status: number,
  header: (name: string) => string | null,
  body: Uint8Array,
): ReturnedBytes | null {
  if (status === 200) {
    const length = Number(header('content-length'));
    return Number.isSafeInteger(length) && length > 0
      ? { length, parts: [{ range: { start: 0, end: length - 1 }, bytes: body }] }
      : null;
  }
  const boundary = /^multipart\/byteranges;\s*boundary=("?)([^";]+)\1/i.exec(header('content-type') ?? '')?.[2];
  if (status === 206 && boundary) return multipartParts(body, boundary);
  const parsed = parseContentRange(header('content-range') ?? '');
  if (!parsed || (status === 206) !== (parsed.range !== null)) return null;
  return { length: parsed.length, parts: parsed.range ? [{ range: parsed.range, bytes: body }] : [] };
}

/** One line of a hex view: the file offset, sixteen bytes in hex, and the same as text (· for the unprintable). */
export interface HexRow {
  offset: number;
  hex: string;
  text: string;
}

/** `bytes`, which sit at `offset` in the file, as hex-view lines of `width` bytes. */
export function hexRows(bytes: Uint8Array, offset: number, width = 16): HexRow[] {
  const rows: HexRow[] = [];
  for (let i = 0; i < bytes.length; i += width) {
    const line = bytes.subarray(i, i + width);
    rows.push({
      offset: offset + i,
      hex: formatHex(line),
      text: Array.from(line, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '·')).join(''),
    });
  }
  return rows;
}
