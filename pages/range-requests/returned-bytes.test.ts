import { hexRows, multipartParts, returnedBytes } from './returned-bytes';

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const text = (data: Uint8Array) => String.fromCharCode(...data);

// RFC 9110 §14.6's example, its two ranges' data filled to their exact lengths.
const first = '1'.repeat(500);
const second = '2'.repeat(1000);
const RFC_EXAMPLE = [
  '--THIS_STRING_SEPARATES\r\n',
  'Content-Type: application/pdf\r\n',
  'Content-Range: bytes 500-999/8000\r\n',
  '\r\n',
  `${first}\r\n`,
  '--THIS_STRING_SEPARATES\r\n',
  'Content-Type: application/pdf\r\n',
  'Content-Range: bytes 7000-7999/8000\r\n',
  '\r\n',
  `${second}\r\n`,
  '--THIS_STRING_SEPARATES--\r\n',
].join('');

describe('multipartParts(body, boundary)', () => {
  it('places each part of RFC 9110 §14.6’s example by its Content-Range', () => {
    const parsed = multipartParts(bytes(RFC_EXAMPLE), 'THIS_STRING_SEPARATES');
    expect(parsed?.length).toBe(8000);
    expect(parsed?.parts.map((p) => p.range)).toEqual([
      { start: 500, end: 999 },
      { start: 7000, end: 7999 },
    ]);
    expect(parsed?.parts.map((p) => text(p.bytes))).toEqual([first, second]);
  });

  it('takes a part’s data by its length even when the data holds the boundary', () => {
    const data = '--B\r\n--B--';
    const body = `--B\r\nContent-Range: bytes 0-9/10\r\n\r\n${data}\r\n--B--\r\n`;
    expect(multipartParts(bytes(body), 'B')?.parts.map((p) => text(p.bytes))).toEqual([data]);
  });

  it('keeps what arrived of a body read only in part', () => {
    const cut = RFC_EXAMPLE.slice(0, RFC_EXAMPLE.indexOf(first) + 100);
    const parsed = multipartParts(bytes(cut), 'THIS_STRING_SEPARATES');
    expect(parsed?.parts.map((p) => [p.range.start, p.bytes.length])).toEqual([[500, 100]]);
  });

  it('refuses a part without a byte Content-Range', () => {
    expect(multipartParts(bytes('--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--\r\n'), 'B')).toBeNull();
  });
});

describe('returnedBytes(status, header, body)', () => {
  const headers = (map: Record<string, string>) => (name: string) => map[name] ?? null;

  it('reads a 200 as the whole file', () => {
    expect(returnedBytes(200, headers({ 'content-length': '10' }), bytes('0123'))).toEqual({
      length: 10,
      parts: [{ range: { start: 0, end: 9 }, bytes: bytes('0123') }],
    });
  });

  it('reads a single-range 206 by its Content-Range', () => {
    const got = returnedBytes(206, headers({ 'content-range': 'bytes 42-45/1234' }), bytes('abcd'));
    expect(got?.length).toBe(1234);
    expect(got?.parts.map((p) => p.range)).toEqual([{ start: 42, end: 45 }]);
  });

  it('reads a multipart 206 part by part, the boundary quoted or not', () => {
    for (const type of [
      'multipart/byteranges; boundary=THIS_STRING_SEPARATES',
      'multipart/byteranges; boundary="THIS_STRING_SEPARATES"',
    ]) {
      expect(returnedBytes(206, headers({ 'content-type': type }), bytes(RFC_EXAMPLE))?.parts).toHaveLength(2);
    }
  });

  it('reads a 416 as none of the file’s bytes', () => {
    expect(returnedBytes(416, headers({ 'content-range': 'bytes */1234' }), bytes(''))).toEqual({
      length: 1234,
      parts: [],
    });
  });

  it('says nothing when the headers do not tell', () => {
    expect(returnedBytes(206, headers({}), bytes(''))).toBeNull();
    expect(returnedBytes(206, headers({ 'content-range': 'bytes */10' }), bytes(''))).toBeNull();
    expect(returnedBytes(304, headers({}), bytes(''))).toBeNull();
  });
});

describe('hexRows(bytes, offset)', () => {
  it('writes sixteen bytes a line, at their file offsets, with their printable text', () => {
    const data = Uint8Array.from({ length: 20 }, (_, i) => 0x41 + i);
    data[1] = 0x00;
    expect(hexRows(data, 1000)).toEqual([
      { offset: 1000, hex: '41 00 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50', text: 'A·CDEFGHIJKLMNOP' },
      { offset: 1016, hex: '51 52 53 54', text: 'QRST' },
    ]);
  });
});
