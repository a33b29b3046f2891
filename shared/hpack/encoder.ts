/** The HPACK encoder (RFC 7541): a header list in, a header block and what each byte means out. */
import { checkTableSize, entrySize, HpackContext } from './dynamic-table';
import { HpackError } from './errors';
import { huffmanEncode, huffmanEncodedLength } from './huffman';
import { encodeInteger } from './integer';
import { STATIC_TABLE_LENGTH, staticIndexOf, staticNameIndexOf } from './static-table';
import type { AnnotatedField, EncodedBlock, HeaderInput, Indexing, Representation } from './types';

/**
 * When to Huffman-code a string literal. `shorter` codes it unless that would be longer: a tie goes
 * to Huffman, as in the RFC's own C.6.2, where "307" is 3 octets either way and sent coded. The
 * empty string stays raw under `shorter`: a coded one says nothing new.
 */
export type HuffmanPolicy = 'always' | 'never' | 'shorter';

export interface EncoderOptions {
  /** The peer decoder's limit, its SETTINGS_HEADER_TABLE_SIZE (default 4096, HTTP/2's initial value): the table never grows past it. */
  peerMaxTableSize?: number;
  /** The dynamic table's size at the start, as both peers know it (default the peer's limit). */
  maxTableSize?: number;
  huffman?: HuffmanPolicy;
}

const LITERAL: Record<Indexing, { flags: number; prefix: number; representation: Representation }> = {
  incremental: { flags: 0x40, prefix: 6, representation: 'literal-incremental' }, // 01xxxxxx, §6.2.1
  without: { flags: 0x00, prefix: 4, representation: 'literal-without-indexing' }, // 0000xxxx, §6.2.2
  never: { flags: 0x10, prefix: 4, representation: 'literal-never-indexed' }, // 0001xxxx, §6.2.3
};

const utf8 = new TextEncoder();

/**
 * Encodes header lists, one block after another, keeping its dynamic table in step with the peer's
 * decoder. Policy: a field already in a table is indexed; otherwise a literal that reuses a table
 * name when there is one (the static table's first), added to the dynamic table unless the field
 * is sensitive, asks otherwise, or is larger than the whole table (adding it would only empty it).
 * Field names with upper-case letters are refused rather than lower-cased: HTTP/2 calls such a
 * message malformed, and silently changing a name would hide the mistake from the reader.
 */
export class HpackEncoder extends HpackContext {
  /** May change between blocks: it decides how strings are written, never what the table holds. */
  huffman: HuffmanPolicy;
  /** The smallest size set since the last block and the latest: §4.2 requires signalling both. */
  private pending: { smallest: number; latest: number } | null = null;
  /** The peer's SETTINGS_HEADER_TABLE_SIZE: a size update above it is a COMPRESSION_ERROR at the peer (§6.3). */
  private readonly peerMaxTableSize: number;

  constructor({ peerMaxTableSize = 4096, maxTableSize = peerMaxTableSize, huffman = 'shorter' }: EncoderOptions = {}) {
    super(withinLimit(maxTableSize, peerMaxTableSize));
    this.peerMaxTableSize = peerMaxTableSize;
    this.huffman = huffman;
  }

  /**
   * Changes the dynamic table's maximum size, up to the peer's SETTINGS_HEADER_TABLE_SIZE; above it
   * is an HpackError, as the peer's decoder would reject the block. The change, with its
   * evictions, takes effect at the start of the next block, which carries it.
   */
  setMaxTableSize(size: number): void {
    withinLimit(size, this.peerMaxTableSize);
    this.pending = { smallest: Math.min(this.pending?.smallest ?? size, size), latest: size };
  }

  encode(headers: HeaderInput[]): EncodedBlock {
    // Checked before any output, so a refused list leaves the table as it was.
    for (const { name } of headers) {
      if (/[A-Z]/.test(name))
        throw new HpackError(
          'uppercase-name',
          `field name "${name}" has upper-case letters; HTTP/2 names are lower-case`,
        );
    }
    const out: number[] = [];
    const fields: AnnotatedField[] = [];
    if (this.pending) {
      const { smallest, latest } = this.pending;
      this.pending = null;
      if (smallest < latest) this.sizeUpdate(out, fields, smallest);
      this.sizeUpdate(out, fields, latest);
    }
    for (const header of headers) this.field(out, fields, header);
    return { bytes: Uint8Array.from(out), fields };
  }

  private sizeUpdate(out: number[], fields: AnnotatedField[], size: number): void {
    const start = out.length;
    append(out, encodeInteger(size, 5, 0x20)); // 001xxxxx, §6.3
    const evicted = this.dynamic.setMaxSize(size);
    fields.push({ representation: 'size-update', name: '', value: '', maxSize: size, evicted, start, end: out.length });
  }

  private field(out: number[], fields: AnnotatedField[], { name, value, sensitive, indexing }: HeaderInput): void {
    const start = out.length;
    const kind: Indexing = sensitive
      ? 'never'
      : (indexing ?? (entrySize(name, value) > this.dynamic.maxSize ? 'without' : 'incremental'));
    const found = this.dynamic.find(name, value);
    // A never-indexed field stays a literal even when a table holds it: that is what `never` promises.
    if (kind !== 'never') {
      const index = staticIndexOf(name, value) || (found.field && STATIC_TABLE_LENGTH + found.field);
      if (index) {
        append(out, encodeInteger(index, 7, 0x80)); // 1xxxxxxx, §6.1
        fields.push({ representation: 'indexed', name, value, index, start, end: out.length });
        return;
      }
    }
    const { flags, prefix, representation } = LITERAL[kind];
    const nameIndex = staticNameIndexOf(name) || (found.name && STATIC_TABLE_LENGTH + found.name);
    append(out, encodeInteger(nameIndex, prefix, flags));
    const field: AnnotatedField = { representation, name, value, start, end: 0 };
    if (nameIndex) field.nameIndex = nameIndex;
    else field.nameHuffman = this.string(out, name);
    field.valueHuffman = this.string(out, value);
    if (kind === 'incremental') field.evicted = this.dynamic.add(name, value);
    field.end = out.length;
    fields.push(field);
  }

  /** Writes a string literal (§5.2) and says whether it is Huffman-coded. */
  private string(out: number[], text: string): boolean {
    const raw = utf8.encode(text);
    const huffman =
      this.huffman === 'always' ||
      (this.huffman === 'shorter' && raw.length > 0 && huffmanEncodedLength(raw) <= raw.length);
    const octets = huffman ? huffmanEncode(raw) : raw;
    append(out, encodeInteger(octets.length, 7, huffman ? 0x80 : 0));
    append(out, octets);
    return huffman;
  }
}

/** `size`, once it is a table size no larger than the peer's `limit` (itself a table size). */
function withinLimit(size: number, limit: number): number {
  checkTableSize(limit);
  checkTableSize(size);
  if (size > limit) throw new HpackError('table-size', `a table size of ${size} is over the peer's limit of ${limit}`);
  return size;
}

/** A loop, not push(...octets): a long value would overflow the argument stack. */
function append(out: number[], octets: ArrayLike<number>): void {
  for (let i = 0; i < octets.length; i++) out.push(octets[i]!);
}
