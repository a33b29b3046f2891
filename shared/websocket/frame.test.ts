import { thrownBy } from '../../test/helpers/errors';
import {
  computeAccept,
  decodeFrame,
  decodeFrameHeader,
  encodeFrame,
  FrameError,
  isValidKey,
  OPCODE,
  parseCloseBody,
  type Decoded,
} from './frame';

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));
const utf8 = (text: string) => new TextEncoder().encode(text);
const frameOf = (decoded: Decoded) => {
  if (!decoded.complete) throw new Error('incomplete');
  return decoded.frame;
};
const KEY = hex('37fa213d');

describe('RFC 6455 §5.7 examples', () => {
  it('a single-frame unmasked text message "Hello"', () => {
    const bytes = hex('81 05 48656c6c6f');
    expect(encodeFrame({ opcode: OPCODE.text, payload: utf8('Hello') })).toEqual(bytes);
    const decoded = decodeFrame(bytes);
    expect(decoded).toMatchObject({ complete: true, size: 7 });
    expect(frameOf(decoded)).toMatchObject({
      fin: true,
      opcode: 1,
      masked: false,
      maskingKey: null,
      lengthForm: 7,
      payloadLength: 5,
      payload: utf8('Hello'),
    });
  });

  it('a single-frame masked text message "Hello"', () => {
    const bytes = hex('81 85 37fa213d 7f9f4d5158');
    expect(encodeFrame({ opcode: OPCODE.text, payload: utf8('Hello'), maskingKey: KEY })).toEqual(bytes);
    expect(frameOf(decodeFrame(bytes))).toMatchObject({ masked: true, maskingKey: KEY, payload: utf8('Hello') });
    // Decoding leaves the bytes as they were on the wire, even in a Buffer (whose slice shares memory).
    const wire = Buffer.from('818537fa213d7f9f4d5158', 'hex');
    decodeFrame(wire);
    expect(wire.toString('hex')).toBe('818537fa213d7f9f4d5158');
  });

  it('a fragmented unmasked text message: "Hel" then "lo"', () => {
    const first = hex('01 03 48656c');
    const second = hex('80 02 6c6f');
    expect(encodeFrame({ opcode: OPCODE.text, payload: utf8('Hel'), fin: false })).toEqual(first);
    expect(encodeFrame({ opcode: OPCODE.continuation, payload: utf8('lo') })).toEqual(second);
    expect(frameOf(decodeFrame(first))).toMatchObject({ fin: false, opcode: 1, payload: utf8('Hel') });
    expect(frameOf(decodeFrame(second))).toMatchObject({ fin: true, opcode: 0, payload: utf8('lo') });
  });

  it('an unmasked ping and a masked pong, both "Hello"', () => {
    expect(encodeFrame({ opcode: OPCODE.ping, payload: utf8('Hello') })).toEqual(hex('89 05 48656c6c6f'));
    const pong = hex('8a 85 37fa213d 7f9f4d5158');
    expect(encodeFrame({ opcode: OPCODE.pong, payload: utf8('Hello'), maskingKey: KEY })).toEqual(pong);
    expect(frameOf(decodeFrame(pong))).toMatchObject({ opcode: 10, payload: utf8('Hello') });
  });

  it('256 bytes of binary data in one unmasked frame: the 16-bit length form', () => {
    const payload = new Uint8Array(256).map((_, i) => i);
    const bytes = encodeFrame({ opcode: OPCODE.binary, payload });
    expect(bytes.subarray(0, 4)).toEqual(hex('82 7e 0100'));
    expect(frameOf(decodeFrame(bytes))).toMatchObject({ opcode: 2, lengthForm: 16, payloadLength: 256, payload });
  });

  it('64 KiB of binary data in one unmasked frame: the 64-bit length form', () => {
    const payload = new Uint8Array(65536).fill(7);
    const bytes = encodeFrame({ opcode: OPCODE.binary, payload });
    expect(bytes.subarray(0, 10)).toEqual(hex('82 7f 0000000000010000'));
    expect(frameOf(decodeFrame(bytes))).toMatchObject({ lengthForm: 64, payloadLength: 65536 });
  });
});

describe('decodeFrameHeader, on the same examples without their payloads', () => {
  it.each([
    ['a masked "Hello"', '81 85 37fa213d', { masked: true, maskingKey: KEY, payloadLength: 5, headerSize: 6 }],
    ['the first fragment of "Hel" + "lo"', '01 03', { fin: false, opcode: 1, payloadLength: 3, headerSize: 2 }],
    ['256 bytes: the 16-bit length form', '82 7e 0100', { lengthForm: 16, payloadLength: 256, headerSize: 4 }],
    [
      '64 KiB: the 64-bit length form',
      '82 7f 0000000000010000',
      { lengthForm: 64, payloadLength: 65536, headerSize: 10 },
    ],
  ])('%s', (_, header, expected) => {
    expect(decodeFrameHeader(hex(header))).toEqual({ complete: true, header: expect.objectContaining(expected) });
    // One byte short of the header: how many it needs.
    expect(decodeFrameHeader(hex(header).subarray(0, -1))).toMatchObject({ complete: false });
  });

  it('checks what a peer checks before any payload: a 126-byte ping, a payload over the limit', () => {
    expect(thrownBy(() => decodeFrameHeader(hex('89 7e 007e')))).toMatchObject({ code: 'WB_ERR_WS_CONTROL_TOO_LONG' });
    expect(thrownBy(() => decodeFrameHeader(hex('81 7e 1000'), { maxPayload: 4096 - 1 }))).toMatchObject({
      code: 'WB_ERR_WS_TOO_BIG',
      closeCode: 1009,
    });
  });
});

describe('Sec-WebSocket-Accept', () => {
  it('is base64(SHA-1(key + GUID)): the §1.3 example and the seed notes’ key', async () => {
    expect(await computeAccept('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('checks that a key is 16 bytes of base64', () => {
    expect(isValidKey('dGhlIHNhbXBsZSBub25jZQ==')).toBe(true);
    expect(isValidKey('dGhlIHNhbXBsZQ==')).toBe(false);
    expect(isValidKey('not base64 at all!!!!!==')).toBe(false);
  });
});

describe('decodeFrame on bytes no peer may send', () => {
  it.each([
    ['a reserved opcode (0x3)', '83 00', 'WB_ERR_WS_OPCODE', 1002],
    ['a reserved control opcode (0xB)', '8b 00', 'WB_ERR_WS_OPCODE', 1002],
    ['RSV1 without an extension', 'c1 00', 'WB_ERR_WS_RSV', 1002],
    ['a fragmented ping', '09 00', 'WB_ERR_WS_FRAGMENTED_CONTROL', 1002],
    ['a 126-byte ping', '89 7e 007e', 'WB_ERR_WS_CONTROL_TOO_LONG', 1002],
    ['a 64-bit length with its top bit set', '82 7f 8000000000000000', 'WB_ERR_WS_LENGTH', 1002],
    ['a 16-bit length under 126', '82 7e 0005', 'WB_ERR_WS_NOT_MINIMAL', 1002],
    ['a 64-bit length under 65536', '82 7f 0000000000000100', 'WB_ERR_WS_NOT_MINIMAL', 1002],
    ['RSV1 on a control frame, even with an extension', 'c9 00', 'WB_ERR_WS_RSV', 1002],
    ['a close body of one byte', '88 01 03', 'WB_ERR_WS_CLOSE_BODY', 1002],
    ['close code 1005, which is never sent', '88 02 03ed', 'WB_ERR_WS_CLOSE_BODY', 1002],
    ['close code 999', '88 02 03e7', 'WB_ERR_WS_CLOSE_BODY', 1002],
  ])('rejects %s with %s and close code %d', (_case, bytes, code, closeCode) => {
    const error = thrownBy(() =>
      decodeFrame(hex(bytes), { allowRsv1: code === 'WB_ERR_WS_RSV' && bytes.startsWith('c9') }),
    );
    expect(error).toBeInstanceOf(FrameError);
    expect(error).toMatchObject({ code, closeCode });
  });

  it('rejects a payload over the limit with 1009', () => {
    expect(thrownBy(() => decodeFrame(hex('82 7e 1001'), { maxPayload: 4096 }))).toMatchObject({
      code: 'WB_ERR_WS_TOO_BIG',
      closeCode: 1009,
    });
  });

  it('says how many bytes a truncated frame needs, never crashing', () => {
    expect(decodeFrame(hex('81'))).toEqual({ complete: false, needed: 2 });
    expect(decodeFrame(hex('81 85 37fa'))).toEqual({ complete: false, needed: 6 });
    expect(decodeFrame(hex('81 85 37fa213d 7f9f'))).toEqual({ complete: false, needed: 11 });
    expect(decodeFrame(hex('82 7f 00000000'))).toEqual({ complete: false, needed: 10 });
  });

  it('never throws anything but a FrameError on random bytes', () => {
    for (let i = 0; i < 2000; i++) {
      const bytes = globalThis.crypto.getRandomValues(new Uint8Array(1 + (i % 40)));
      const error = thrownBy(() => decodeFrame(bytes));
      if (error !== undefined) expect(error).toBeInstanceOf(FrameError);
    }
  });
});

describe('parseCloseBody', () => {
  it('reads the status code and the UTF-8 reason', () => {
    expect(parseCloseBody(hex('03e8 6279652021'))).toEqual({ code: 1000, reason: 'bye !' });
    expect(parseCloseBody(new Uint8Array())).toEqual({ code: null, reason: '' });
  });
});
