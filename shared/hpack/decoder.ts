/** The HPACK decoder (RFC 7541 §3, §6): a header block in, the header list and each field's bytes out. */
import { checkTableSize, HpackContext } from './dynamic-table';
import { HpackError } from './errors';
import { huffmanDecode } from './huffman';
import { decodeInteger } from './integer';
import { STATIC_TABLE, STATIC_TABLE_LENGTH } from './static-table';
import type { AnnotatedField, DecodedBlock, Header, Representation } from './types';

// HPACK strings are octets. We show them as UTF-8, with U+FFFD for sequences that are not, and
// size table entries by the octets on the wire, so the table stays in step with the encoder's.
const utf8 = new TextDecoder();

interface Literal {
  text: string;
  octets: number;
  huffman: boolean;
  next: number;
}

/**
 * Decodes header blocks in order, keeping its dynamic table in step with the peer's encoder. Any
 * error is an HpackError; after one, the table may be half-updated and the decoder is done with.
 */
export class HpackDecoder extends HpackContext {
  /** Our SETTINGS_HEADER_TABLE_SIZE: no size update may go above it (§6.3). */
  private limit: number;
  /** Set when the limit fell below the table's maximum: the next block must open with a size update to at most this (§4.2). */
  private owed: number | null = null;

  /** `maxTableSize` is the limit the peer may raise its table to (our SETTINGS_HEADER_TABLE_SIZE) and the initial size. */
  constructor(maxTableSize = 4096) {
    super(maxTableSize);
    this.limit = maxTableSize;
  }

  /**
   * Applies a new SETTINGS_HEADER_TABLE_SIZE of ours, once the peer has acknowledged it. Below the
   * table's current maximum, the peer must shrink the table: the next block has to open with a size
   * update to at most `limit` (§4.2), else it fails with `size-update-missing` or `table-size`. A
   * limit lowered and raised again between blocks still owes the update to the lowest. Entries stay
   * until that update, so both sides evict them at the same point and annotate it alike.
   */
  setMaxTableSize(limit: number): void {
    checkTableSize(limit);
    if (limit < (this.owed ?? this.dynamic.maxSize)) this.owed = limit;
    this.limit = limit;
  }

  decode(bytes: Uint8Array): DecodedBlock {
    if (this.owed !== null && ((bytes[0] ?? 0) & 0xe0) !== 0x20) {
      throw new HpackError(
        'size-update-missing',
        `the block does not open with a table size update to at most ${this.owed}`,
        0,
      );
    }
    const headers: Header[] = [];
    const fields: AnnotatedField[] = [];
    let i = 0;
    while (i < bytes.length) {
      const start = i;
      const first = bytes[i]!; // i < bytes.length
      if (first & 0x80) {
        // 1xxxxxxx: indexed (§6.1).
        const { value: index, next } = decodeInteger(bytes, i, 7);
        const { name, value } = this.lookup(index, start);
        headers.push({ name, value });
        fields.push({ representation: 'indexed', name, value, index, start, end: next });
        i = next;
      } else if ((first & 0xe0) === 0x20) {
        // 001xxxxx: dynamic table size update (§6.3), only before the first field (§4.2).
        if (headers.length > 0)
          throw new HpackError('size-update-position', 'a dynamic table size update comes after a header field', start);
        const { value: size, next } = decodeInteger(bytes, i, 5);
        // The first update of a block that owes one answers the lowest limit; any later one, the current.
        const max = start === 0 && this.owed !== null ? this.owed : this.limit;
        if (size > max)
          throw new HpackError('table-size', `a table size update to ${size} is over the limit of ${max}`, start);
        this.owed = null;
        const evicted = this.dynamic.setMaxSize(size);
        fields.push({ representation: 'size-update', name: '', value: '', maxSize: size, evicted, start, end: next });
        i = next;
      } else {
        // 01xxxxxx with incremental indexing (§6.2.1), 0000xxxx without (§6.2.2), 0001xxxx never (§6.2.3).
        const representation: Representation =
          first & 0x40 ? 'literal-incremental' : first & 0x10 ? 'literal-never-indexed' : 'literal-without-indexing';
        const { value: nameIndex, next } = decodeInteger(bytes, i, representation === 'literal-incremental' ? 6 : 4);
        const field: AnnotatedField = { representation, name: '', value: '', start, end: 0 };
        let nameOctets: number;
        i = next;
        if (nameIndex) {
          const entry = this.lookup(nameIndex, start);
          field.name = entry.name;
          field.nameIndex = nameIndex;
          nameOctets = entry.nameOctets;
        } else {
          const name = readString(bytes, i);
          field.name = name.text;
          field.nameHuffman = name.huffman;
          nameOctets = name.octets;
          i = name.next;
        }
        const value = readString(bytes, i);
        field.value = value.text;
        field.valueHuffman = value.huffman;
        i = value.next;
        if (representation === 'literal-incremental')
          field.evicted = this.dynamic.add(field.name, field.value, nameOctets, value.octets);
        field.end = i;
        // Kept on the header, so that a relay encoding it again keeps it never indexed (§6.2.3).
        headers.push(
          representation === 'literal-never-indexed'
            ? { name: field.name, value: field.value, sensitive: true }
            : { name: field.name, value: field.value },
        );
        fields.push(field);
      }
    }
    return { headers, fields };
  }

  /** The field at an index of the address space (§2.3.3): 1–61 static, then the dynamic table, newest first. */
  private lookup(index: number, offset: number): { name: string; value: string; nameOctets: number } {
    if (index === 0) throw new HpackError('bad-index', 'index 0 is not used', offset);
    if (index <= STATIC_TABLE_LENGTH) {
      const [name, value] = STATIC_TABLE[index - 1]!; // 1 ≤ index ≤ the table's length
      return { name, value, nameOctets: name.length }; // static names are ASCII
    }
    const entry = this.dynamic.at(index - STATIC_TABLE_LENGTH);
    if (!entry)
      throw new HpackError(
        'bad-index',
        `index ${index} is past the end of the tables (${STATIC_TABLE_LENGTH + this.dynamic.length} entries)`,
        offset,
      );
    return entry;
  }
}

/** A string literal (§5.2): an H bit, a 7-bit-prefix length, then that many octets. */
function readString(bytes: Uint8Array, offset: number): Literal {
  const { value: length, next } = decodeInteger(bytes, offset, 7); // throws `truncated` when offset is at the end
  const huffman = (bytes[offset]! & 0x80) !== 0; // decodeInteger read this octet
  if (next + length > bytes.length)
    throw new HpackError('truncated', `a ${length}-octet string runs past the end of the block`, offset);
  const raw = bytes.subarray(next, next + length);
  const octets = huffman ? huffmanDecode(raw, next) : raw;
  return { text: utf8.decode(octets), octets: octets.length, huffman, next: next + length };
}
