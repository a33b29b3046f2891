import zlib from 'node:zlib';

/**
 * A gzip body (RFC 1952) assembled from pieces compressed separately: each piece is raw deflate
 * (RFC 1951) ending on a byte boundary without a final block, so pieces can follow each other in
 * any order and the stream stays valid; the body ends with an empty final block, the CRC-32 of
 * everything and its length. A page's static shell is deflated once and kept, so serving it
 * compressed costs a copy and a checksum, not a compression of the whole document per request.
 */
export interface Piece {
  /** The bytes as sent when uncompressed. */
  raw: Buffer;
  /** Their raw-deflate form: non-final blocks ending on a byte boundary. */
  deflated: Buffer;
}

const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]); // no name, no mtime, OS unknown
/** An empty stored block with BFINAL set (RFC 1951 §3.2.4): the end of the deflate stream. */
const FINAL_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);
const MAX_STORED = 0xffff;
/** Below this, a per-request piece is sent stored: starting a compressor costs more than the bytes save. */
const WORTH_COMPRESSING = 1024;

/** A piece compressed well, for what is made once and sent many times. */
export function deflatedPiece(raw: Buffer): Piece {
  return { raw, deflated: zlib.deflateRawSync(raw, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH }) };
}

/** Stored (uncompressed) blocks: framing only, for a few bytes made per request. */
function storedBlocks(raw: Buffer): Buffer {
  const blocks: Buffer[] = [];
  for (let at = 0; at < raw.length; at += MAX_STORED) {
    const data = raw.subarray(at, at + MAX_STORED);
    const head = Buffer.alloc(5);
    head.writeUInt16LE(data.length, 1);
    head.writeUInt16LE(~data.length & 0xffff, 3);
    blocks.push(head, data);
  }
  return Buffer.concat(blocks);
}

/** A piece made for one response: quickly compressed when it is large enough to gain, else stored. */
export function pieceForNow(raw: Buffer): Piece {
  const deflated =
    raw.length < WORTH_COMPRESSING
      ? storedBlocks(raw)
      : zlib.deflateRawSync(raw, { level: 1, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  return { raw, deflated };
}

/** The gzip body of the pieces, in order. */
export function gzipBody(pieces: Piece[]): Buffer {
  let crc = 0;
  let length = 0;
  for (const { raw } of pieces) {
    // Node's crc32 answers 0, not the running value, for some empty buffers (Buffer.from([])).
    if (raw.length === 0) continue;
    crc = zlib.crc32(raw, crc);
    length += raw.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length >>> 0, 4);
  return Buffer.concat([HEADER, ...pieces.map((piece) => piece.deflated), FINAL_BLOCK, trailer]);
}
