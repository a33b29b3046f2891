/** Why a header block could not be decoded (or a header list encoded). */
export type HpackErrorReason =
  /** A prefix integer over 2^32 - 1, or with more continuation octets than such a value needs (§5.1). */
  | 'integer-overflow'
  /** A prefix integer asked for that cannot be written: negative or fractional, or a prefix outside 1–8 bits, or flags in the prefix (§5.1). */
  | 'bad-integer'
  /** The block ends inside an integer or a string. */
  | 'truncated'
  /** Index 0, or past the end of the static and dynamic tables (§2.3.3). */
  | 'bad-index'
  /** A Huffman-coded string contains the EOS symbol (§5.2). */
  | 'huffman-eos'
  /** A Huffman-coded string ends in more than 7 bits, or in bits that are not a prefix of EOS (§5.2). */
  | 'huffman-padding'
  /** A dynamic table size update above the decoder's limit (§6.3), or an impossible size. */
  | 'table-size'
  /** A dynamic table size update after the first header field of a block (§4.2). */
  | 'size-update-position'
  /** A block that does not open with the size update owed since the decoder's limit fell below the table's maximum size (§4.2). */
  | 'size-update-missing'
  /** The encoder was given a field name with upper-case letters, which HTTP/2 forbids (RFC 9113 §8.2.1). */
  | 'uppercase-name';

/**
 * Any HPACK failure. In HTTP/2 a decoding error is a connection error of type COMPRESSION_ERROR
 * (RFC 9113 §4.3): the decoder's table may be half-updated, so it is not to be used again.
 */
export class HpackError extends Error {
  readonly code = 'WB_ERR_HPACK';
  constructor(
    readonly reason: HpackErrorReason,
    message: string,
    /** Where in the block the offending representation or octet starts, when decoding. */
    readonly offset?: number,
  ) {
    super(message);
    this.name = 'HpackError';
  }
}
