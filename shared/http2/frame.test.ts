import {
  CLIENT_PREFACE,
  decodeFrames,
  encodeFrame,
  ErrorCode,
  FrameType,
  goawayFrame,
  headersFrame,
  Http2FrameError,
  pingFrame,
  rstStreamFrame,
  settingsFrame,
  windowUpdateFrame,
} from './frame';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('HTTP/2 frames (RFC 9113 §4.1)', () => {
  it('the client preface is the §3.4 string', () => {
    expect(Buffer.from(CLIENT_PREFACE).toString('latin1')).toBe('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
  });

  it.each([
    ['an empty SETTINGS ACK', settingsFrame([], true), '000000040100000000'],
    ['SETTINGS_MAX_CONCURRENT_STREAMS = 100', settingsFrame([[0x3, 100]]), '000006040000000000' + '000300000064'],
    ['a PING', pingFrame(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8])), '000008060000000000' + '0102030405060708'],
    ['RST_STREAM(CANCEL) on stream 3', rstStreamFrame(3), '000004030000000003' + '00000008'],
    [
      'GOAWAY(last 7, ENHANCE_YOUR_CALM)',
      goawayFrame(7, ErrorCode.ENHANCE_YOUR_CALM),
      '000008070000000000' + '000000070000000b',
    ],
    ['WINDOW_UPDATE of 65535 on the connection', windowUpdateFrame(0, 65535), '000004080000000000' + '0000ffff'],
    [
      'HEADERS, END_STREAM | END_HEADERS, on stream 1',
      headersFrame(1, Uint8Array.from([0x82]), { endStream: true }),
      '000001010500000001' + '82',
    ],
    [
      'HEADERS padded by 2',
      headersFrame(1, Uint8Array.from([0x82]), { padding: 2 }),
      '000004010c00000001' + '02820000',
    ],
  ])('%s is laid out octet by octet', (_name, frame, expected) => {
    expect(hex(frame)).toBe(expected);
  });

  it('a 24-bit length, and the reserved bit of the stream id ignored on receipt', () => {
    const big = encodeFrame({ type: FrameType.DATA, flags: 0, streamId: 5, payload: new Uint8Array(0x012345) });
    expect(hex(big.subarray(0, 9))).toBe('012345000000000005');
    const reserved = Uint8Array.from(Buffer.from('000000060080000001', 'hex'));
    expect(decodeFrames(reserved).frames[0]).toMatchObject({ type: FrameType.PING, streamId: 1 });
  });

  it('splits a byte stream into frames and keeps an unfinished one for the next read', () => {
    const stream = Buffer.concat([settingsFrame(), pingFrame(), rstStreamFrame(1)]);
    const cut = stream.length - 3;
    const first = decodeFrames(stream.subarray(0, cut));
    expect(first.frames.map((f) => f.type)).toEqual([FrameType.SETTINGS, FrameType.PING]);
    const second = decodeFrames(Buffer.concat([first.rest, stream.subarray(cut)]));
    expect(second.frames).toHaveLength(1);
    expect(second.frames[0]).toMatchObject({ type: FrameType.RST_STREAM, flags: 0, streamId: 1 });
    expect(second.rest).toHaveLength(0);
  });

  it.each([
    [
      'a stream id past 31 bits',
      () => encodeFrame({ type: 0, flags: 0, streamId: 2 ** 31, payload: new Uint8Array(0) }),
    ],
    ['padding past 255 octets', () => headersFrame(1, new Uint8Array(1), { padding: 256 })],
    ['a PING of 7 octets', () => pingFrame(new Uint8Array(7))],
  ])('refuses %s with its own error', (_name, make) => {
    expect(make).toThrow(Http2FrameError);
  });
});
