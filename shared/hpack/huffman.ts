/**
 * The HPACK Huffman code (RFC 7541 §5.2, Appendix B). The code is canonical: each symbol's code
 * follows from the code lengths alone (shorter codes first, equal lengths in symbol order), so the
 * table below is the 257 lengths from Appendix B and the codes are derived from them.
 */
import { HpackError } from './errors';

/** The code length in bits of each symbol 0–255 and of EOS (256), from Appendix B. */
export const HUFFMAN_LENGTHS: readonly number[] = [
  13,
  23,
  28,
  28,
  28,
  28,
  28,
  28,
  28,
  24,
  30,
  28,
  28,
  30,
  28,
  28, //   0–15
  28,
  28,
  28,
  28,
  28,
  28,
  30,
  28,
  28,
  28,
  28,
  28,
  28,
  28,
  28,
  28, //  16–31
  6,
  10,
  10,
  12,
  13,
  6,
  8,
  11,
  10,
  10,
  8,
  11,
  8,
  6,
  6,
  6, //  32–47  ' ' to '/'
  5,
  5,
  5,
  6,
  6,
  6,
  6,
  6,
  6,
  6,
  7,
  8,
  15,
  6,
  12,
  10, //  48–63  '0' to '?'
  13,
  6,
  7,
  7,
  7,
  7,
  7,
  7,
  7,
  7,
  7,
  7,
  7,
  7,
  7,
  7, //  64–79  '@' to 'O'
  7,
  7,
  7,
  7,
  7,
  7,
  7,
  7,
  8,
  7,
  8,
  13,
  19,
  13,
  14,
  6, //  80–95  'P' to '_'
  15,
  5,
  6,
  5,
  6,
  5,
  6,
  6,
  6,
  5,
  7,
  7,
  6,
  6,
  6,
  5, //  96–111 '`' to 'o'
  6,
  7,
  6,
  5,
  5,
  6,
  7,
  7,
  7,
  7,
  7,
  15,
  11,
  14,
  13,
  28, // 112–127 'p' to DEL
  20,
  22,
  20,
  20,
  22,
  22,
  22,
  23,
  22,
  23,
  23,
  23,
  23,
  23,
  24,
  23, // 128–143
  24,
  24,
  22,
  23,
  24,
  23,
  23,
  23,
  23,
  21,
  22,
  23,
  22,
  23,
  23,
  24, // 144–159
  22,
  21,
  20,
  22,
  22,
  23,
  23,
  21,
  23,
  22,
  22,
  24,
  21,
  22,
  23,
  23, // 160–175
  21,
  21,
  22,
  21,
  23,
  22,
  23,
  23,
  20,
  22,
  22,
  22,
  23,
  22,
  22,
  23, // 176–191
  26,
  26,
  20,
  19,
  22,
  23,
  22,
  25,
  26,
  26,
  26,
  27,
  27,
  26,
  24,
  25, // 192–207
  19,
  21,
  26,
  27,
  27,
  26,
  27,
  24,
  21,
  21,
  26,
  26,
  28,
  27,
  27,
  27, // 208–223
  20,
  24,
  20,
  21,
  22,
  21,
  21,
  23,
  22,
  22,
  25,
  25,
  24,
  24,
  26,
  23, // 224–239
  26,
  27,
  26,
  26,
  27,
  27,
  27,
  27,
  27,
  28,
  27,
  27,
  27,
  27,
  27,
  26, // 240–255
  30, // EOS
];

export const EOS = 256;
const MAX_LENGTH = 30;

/** The code length of a symbol (0-256): the table covers every one. */
const lengthOf = (symbol: number) => HUFFMAN_LENGTHS[symbol]!;

/** Symbols in canonical order, how many codes each length has, and each symbol's code. */
const SORTED: number[] = HUFFMAN_LENGTHS.map((_, symbol) => symbol).sort((a, b) => lengthOf(a) - lengthOf(b) || a - b);
const COUNT: number[] = new Array(MAX_LENGTH + 1).fill(0);
const CODES: number[] = new Array(HUFFMAN_LENGTHS.length).fill(0);
{
  let code = 0;
  let length = lengthOf(SORTED[0]!);
  for (const symbol of SORTED) {
    code *= 2 ** (lengthOf(symbol) - length);
    length = lengthOf(symbol);
    CODES[symbol] = code++;
    COUNT[length]! += 1;
  }
}

/** The code of a symbol as Appendix B lists it: right-aligned, with its length in bits. */
export function huffmanCode(symbol: number): { code: number; length: number } {
  return { code: CODES[symbol]!, length: lengthOf(symbol) };
}

/** How many octets `bytes` take Huffman-coded, padding included. */
export function huffmanEncodedLength(bytes: Uint8Array): number {
  let bits = 0;
  for (const byte of bytes) bits += lengthOf(byte);
  return Math.ceil(bits / 8);
}

/** Huffman-codes `bytes`, padding the last octet with the high bits of EOS (all ones). */
export function huffmanEncode(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(huffmanEncodedLength(bytes));
  let o = 0;
  // Bits not yet written, right-aligned: at most 7 left over plus a 30-bit code, exact in a double.
  let pending = 0;
  let pendingBits = 0;
  for (const byte of bytes) {
    pending = pending * 2 ** lengthOf(byte) + CODES[byte]!;
    pendingBits += lengthOf(byte);
    while (pendingBits >= 8) {
      pendingBits -= 8;
      const scale = 2 ** pendingBits;
      const octet = Math.floor(pending / scale);
      out[o++] = octet;
      pending -= octet * scale;
    }
  }
  if (pendingBits > 0) out[o] = (pending << (8 - pendingBits)) | (0xff >> pendingBits);
  return out;
}

/**
 * Decodes a Huffman-coded string, one bit at a time against the canonical code's per-length
 * ranges: O(n) time, a few hundred numbers of tables, nothing built per call but the output.
 * `offset` only places errors within the enclosing block.
 */
export function huffmanDecode(bytes: Uint8Array, offset = 0): Uint8Array {
  const out = new Uint8Array(Math.ceil((bytes.length * 8) / 5)); // the shortest code is 5 bits
  let o = 0;
  // The bits read since the last symbol (`code`, `length`), the first code of that length and the
  // position in SORTED where that length's symbols start.
  let code = 0;
  let length = 0;
  let first = 0;
  let index = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!; // i < bytes.length
    for (let bit = 7; bit >= 0; bit--) {
      code = code * 2 + ((byte >> bit) & 1);
      length++;
      // Every 30-bit sequence completes a code, so `length` never passes the table's end.
      const count = COUNT[length]!;
      if (code - first < count) {
        const symbol = SORTED[index + code - first]!;
        if (symbol === EOS) throw new HpackError('huffman-eos', 'a Huffman-coded string contains EOS', offset + i);
        out[o++] = symbol;
        code = length = first = index = 0;
      } else {
        index += count;
        first = (first + count) * 2;
      }
    }
  }
  // What is left must be padding: fewer than 8 bits, all ones (the start of EOS).
  if (length > 7)
    throw new HpackError(
      'huffman-padding',
      `a Huffman-coded string ends in ${length} bits of padding; at most 7 are allowed`,
      offset + bytes.length - 1,
    );
  if (code !== 2 ** length - 1)
    throw new HpackError(
      'huffman-padding',
      'the padding of a Huffman-coded string is not all ones',
      offset + bytes.length - 1,
    );
  return out.subarray(0, o);
}
