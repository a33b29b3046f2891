/** The shapes the encoder takes and both sides return. */

/** How a field was represented on the wire (§6), or a dynamic table size update (§6.3). */
export type Representation =
  'indexed' | 'literal-incremental' | 'literal-without-indexing' | 'literal-never-indexed' | 'size-update';

/** Which literal representation to use for a field that is not already in a table. */
export type Indexing = 'incremental' | 'without' | 'never';

export interface HeaderInput {
  name: string;
  value: string;
  /** Never indexed (§6.2.3, §7.1.3): for secrets such as a short cookie or a password, so no intermediary indexes it either. */
  sensitive?: boolean;
  /** The literal representation to use; by default incremental, unless the field could never fit the table. */
  indexing?: Indexing;
}

export interface Header {
  name: string;
  value: string;
  /** Decoded from a never-indexed literal (§6.2.3): as a HeaderInput it is encoded as one again, as an intermediary must. */
  sensitive?: true;
}

/** One representation in a block, with the byte range it occupies: what a UI needs to annotate the bytes. */
export interface AnnotatedField {
  representation: Representation;
  /** Empty for a size update. */
  name: string;
  value: string;
  /** The index an indexed field refers to. */
  index?: number;
  /** The index of the name a literal reuses; absent when the name is a literal too. */
  nameIndex?: number;
  /** Whether a literal name was Huffman-coded. */
  nameHuffman?: boolean;
  /** Whether a literal value was Huffman-coded. */
  valueHuffman?: boolean;
  /** The new maximum size, for a size update. */
  maxSize?: number;
  /** Entries evicted by this field: by a literal with incremental indexing or a size update. */
  evicted?: number;
  /** Offsets in the block: `bytes.subarray(start, end)` is this field. */
  start: number;
  end: number;
}

export interface EncodedBlock {
  bytes: Uint8Array;
  fields: AnnotatedField[];
}

export interface DecodedBlock {
  headers: Header[];
  fields: AnnotatedField[];
}
