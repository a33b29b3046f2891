/** Prefix integers (RFC 7541 §5.1): N bits in the first octet, then 7 bits per continuation octet. */
import { HpackError } from './errors';

/** The largest integer we decode: every HPACK quantity (index, length, table size) fits in 32 bits. */
export const MAX_INTEGER = 0xffffffff;

/**
 * The octets of `value` with an N-bit prefix; `flags` are the first octet's bits above the prefix
 * (the representation's pattern, e.g. 0x80 for an indexed field).
 */
export function encodeInteger(value: number, prefixBits: number, flags = 0): number[] {
  checkPrefix(prefixBits);
  // Flags inside the prefix, or past the octet, would silently change the value or the pattern.
  if (!Number.isInteger(flags) || flags < 0 || flags > 0xff || (flags & ((1 << prefixBits) - 1)) !== 0) {
    throw new HpackError('bad-integer', `flags 0x${flags.toString(16)} do not fit above a ${prefixBits}-bit prefix`);
  }
  if (!Number.isInteger(value) || value < 0)
    throw new HpackError('bad-integer', `${value} is not a non-negative integer`);
  // The decoder refuses anything larger, so the encoder must not write it.
  if (value > MAX_INTEGER) throw new HpackError('integer-overflow', `${value} is over 2^32 - 1`);
  const max = (1 << prefixBits) - 1;
  if (value < max) return [flags | value];
  const out = [flags | max];
  let rest = value - max;
  while (rest >= 128) {
    out.push((rest % 128) + 128);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

/** 2^32 - 1 needs at most 5 continuation octets (35 bits) after a full prefix. */
const MAX_CONTINUATIONS = 5;

/**
 * The integer with an N-bit prefix at `offset`, and the offset after it. Too long an integer is an
 * error even when its value is small (zero-valued continuation octets): §5.1 lets a decoder limit
 * the octet length, and that limit is what makes a hostile run of 0x80 octets fail fast.
 */
export function decodeInteger(bytes: Uint8Array, offset: number, prefixBits: number): { value: number; next: number } {
  checkPrefix(prefixBits);
  if (offset >= bytes.length) throw new HpackError('truncated', 'the block ends before an integer', offset);
  const max = (1 << prefixBits) - 1;
  let value = bytes[offset]! & max;
  let i = offset + 1;
  if (value < max) return { value, next: i };
  for (let shift = 0; ; shift += 7) {
    if (i >= bytes.length) throw new HpackError('truncated', 'the block ends inside an integer', offset);
    if (i - offset > MAX_CONTINUATIONS)
      throw new HpackError('integer-overflow', `an integer runs past ${MAX_CONTINUATIONS} continuation octets`, offset);
    const octet = bytes[i++]!; // i < bytes.length, checked above
    value += (octet & 0x7f) * 2 ** shift; // multiplication, not <<: the sum can pass 2^31
    if (value > MAX_INTEGER) throw new HpackError('integer-overflow', 'an integer is over 2^32 - 1', offset);
    if ((octet & 0x80) === 0) return { value, next: i };
  }
}

/** HPACK prefixes are 1 to 8 bits (§5.1): a prefix outside that shifts bits into the flags or reads none. */
function checkPrefix(prefixBits: number): void {
  if (!Number.isInteger(prefixBits) || prefixBits < 1 || prefixBits > 8)
    throw new HpackError('bad-integer', `a prefix of ${prefixBits} bits is not 1 to 8`);
}
