/** HPACK (RFC 7541): header compression for HTTP/2, pure code for the server and the browser alike. */
export { HpackDecoder } from './decoder';
export { DynamicTable, ENTRY_OVERHEAD, entrySize, type TableEntry } from './dynamic-table';
export { HpackEncoder, type EncoderOptions, type HuffmanPolicy } from './encoder';
export { HpackError, type HpackErrorReason } from './errors';
export { EOS, HUFFMAN_LENGTHS, huffmanCode, huffmanDecode, huffmanEncode, huffmanEncodedLength } from './huffman';
export { decodeInteger, encodeInteger, MAX_INTEGER } from './integer';
export { STATIC_TABLE, STATIC_TABLE_LENGTH, staticIndexOf, staticNameIndexOf } from './static-table';
export type {
  AnnotatedField,
  DecodedBlock,
  EncodedBlock,
  Header,
  HeaderInput,
  Indexing,
  Representation,
} from './types';
