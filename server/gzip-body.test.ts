import zlib from 'node:zlib';
import fc from 'fast-check';
import { deflatedPiece, gzipBody, pieceForNow } from './gzip-body';

describe('gzipBody(pieces)', () => {
  it('is one gzip member that any inflater reads back as the pieces in order', () => {
    const pieces = [
      deflatedPiece(Buffer.from('<!DOCTYPE html>\n<p>static ')),
      pieceForNow(Buffer.from('nonce')),
      deflatedPiece(Buffer.from(' 中文 and more</p>')),
    ];
    const body = gzipBody(pieces);
    expect(body.subarray(0, 3)).toEqual(Buffer.from([0x1f, 0x8b, 0x08]));
    expect(zlib.gunzipSync(body).toString()).toBe('<!DOCTYPE html>\n<p>static nonce 中文 and more</p>');
  });

  it('stores small per-request pieces and compresses large ones, over 64 KiB too', () => {
    const small = pieceForNow(Buffer.from('tiny'));
    expect(small.deflated).toEqual(Buffer.from([0x00, 0x04, 0x00, 0xfb, 0xff, ...Buffer.from('tiny')]));
    const large = Buffer.alloc(200_000, 'wirebook ');
    expect(zlib.gunzipSync(gzipBody([pieceForNow(large)]))).toEqual(large);
    expect(pieceForNow(large).deflated.length).toBeLessThan(large.length / 10);
  });

  it('round-trips any sequence of pieces, however they were made', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.uint8Array({ maxLength: 3000 }), fc.boolean()), { maxLength: 8 }), (parts) => {
        const pieces = parts.map(([bytes, once]) => (once ? deflatedPiece : pieceForNow)(Buffer.from(bytes)));
        expect(zlib.gunzipSync(gzipBody(pieces))).toEqual(Buffer.concat(parts.map(([bytes]) => Buffer.from(bytes))));
      }),
      { numRuns: 200 },
    );
  });
});
