import { thrownBy } from '../../test/helpers/errors';
import { HpackError } from './errors';
import { EOS, HUFFMAN_LENGTHS, huffmanCode, huffmanDecode, huffmanEncode, huffmanEncodedLength } from './huffman';

const hex = (text: string) => Uint8Array.from(text.replace(/\s/g, '').match(/../g) ?? [], (pair) => parseInt(pair, 16));
const ascii = (text: string) => new TextEncoder().encode(text);

/** Writes bit strings MSB first into octets, for hand-made Huffman input. */
const bits = (text: string) =>
  hex(
    text
      .replace(/\s/g, '')
      .match(/.{1,8}/g)!
      .map((byte) => parseInt(byte.padEnd(8, '0'), 2).toString(16).padStart(2, '0'))
      .join(''),
  );

describe('the Huffman code of RFC 7541 Appendix B', () => {
  it('has 257 symbols and is complete: the Kraft sum is exactly 1', () => {
    expect(HUFFMAN_LENGTHS).toHaveLength(257);
    expect(HUFFMAN_LENGTHS.reduce((sum, length) => sum + 2 ** -length, 0)).toBe(1);
  });

  // The first and the last symbol of every length, as Appendix B lists them: a wrong length anywhere
  // would move a symbol between lengths and shift the canonical codes after it.
  it.each([
    [48, 0x0, 5],
    ['t', 0x9, 5],
    [32, 0x14, 6],
    ['u', 0x2d, 6],
    [':', 0x5c, 7],
    ['z', 0x7b, 7],
    ['&', 0xf8, 8],
    ['Z', 0xfd, 8],
    ['!', 0x3f8, 10],
    ['?', 0x3fc, 10],
    ["'", 0x7fa, 11],
    ['|', 0x7fc, 11],
    ['#', 0xffa, 12],
    ['>', 0xffb, 12],
    [0, 0x1ff8, 13],
    ['~', 0x1ffd, 13],
    ['^', 0x3ffc, 14],
    ['}', 0x3ffd, 14],
    ['<', 0x7ffc, 15],
    ['{', 0x7ffe, 15],
    ['\\', 0x7fff0, 19],
    [208, 0x7fff2, 19],
    [128, 0xfffe6, 20],
    [226, 0xfffed, 20],
    [153, 0x1fffdc, 21],
    [230, 0x1fffe8, 21],
    [129, 0x3fffd2, 22],
    [233, 0x3fffeb, 22],
    [1, 0x7fffd8, 23],
    [239, 0x7ffff4, 23],
    [9, 0xffffea, 24],
    [237, 0xfffff5, 24],
    [199, 0x1ffffec, 25],
    [235, 0x1ffffef, 25],
    [192, 0x3ffffe0, 26],
    [255, 0x3ffffee, 26],
    [203, 0x7ffffde, 27],
    [254, 0x7fffff0, 27],
    [2, 0xfffffe2, 28],
    [249, 0xffffffe, 28],
    [10, 0x3ffffffc, 30],
    [EOS, 0x3fffffff, 30],
  ] as [string | number, number, number][])('symbol %p: code %i, %i bits', (symbol, code, length) => {
    expect(huffmanCode(typeof symbol === 'string' ? symbol.charCodeAt(0) : symbol)).toEqual({ code, length });
  });

  it('the §5.2 example in Appendix B: "/" is 011000', () => {
    expect(huffmanCode(47)).toEqual({ code: 0b011000, length: 6 });
  });
});

describe('Huffman coding', () => {
  it('C.4.1: "www.example.com" is f1e3 c2e5 f23a 6ba0 ab90 f4ff', () => {
    expect(huffmanEncode(ascii('www.example.com'))).toEqual(hex('f1e3 c2e5 f23a 6ba0 ab90 f4ff'));
    expect(huffmanEncodedLength(ascii('www.example.com'))).toBe(12);
    expect(huffmanDecode(hex('f1e3 c2e5 f23a 6ba0 ab90 f4ff'))).toEqual(ascii('www.example.com'));
  });

  it('the other strings of C.4 and C.6', () => {
    const cases: [string, string][] = [
      ['no-cache', 'a8eb 1064 9cbf'],
      ['custom-key', '25a8 49e9 5ba9 7d7f'],
      ['custom-value', '25a8 49e9 5bb8 e8b4 bf'],
      ['302', '6402'],
      ['307', '640e ff'],
      ['private', 'aec3 771a 4b'],
      ['Mon, 21 Oct 2013 20:13:21 GMT', 'd07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff'],
      ['https://www.example.com', '9d29 ad17 1863 c78f 0b97 c8e9 ae82 ae43 d3'],
      ['gzip', '9bd9 ab'],
      [
        'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1',
        '94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07',
      ],
    ];
    for (const [text, coded] of cases) {
      expect(huffmanEncode(ascii(text))).toEqual(hex(coded));
      expect(huffmanDecode(hex(coded))).toEqual(ascii(text));
    }
  });

  it('round-trips every octet value, alone and all together', () => {
    for (let byte = 0; byte < 256; byte++)
      expect(huffmanDecode(huffmanEncode(Uint8Array.of(byte)))).toEqual(Uint8Array.of(byte));
    const all = Uint8Array.from({ length: 256 * 3 }, (_, i) => (i * 7) % 256);
    expect(huffmanDecode(huffmanEncode(all))).toEqual(all);
  });

  it('the empty string is no octets', () => {
    expect(huffmanEncode(new Uint8Array())).toEqual(new Uint8Array());
    expect(huffmanDecode(new Uint8Array())).toEqual(new Uint8Array());
  });

  it('decodes a megabyte in well under a second: one pass, no big tables', () => {
    const text = 'accept-language: zh-CN,zh;q=0.9,en;q=0.8 '.repeat(25_000);
    const coded = huffmanEncode(ascii(text));
    const started = performance.now();
    const decoded = huffmanDecode(coded);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(new TextDecoder().decode(decoded) === text).toBe(true); // toEqual on a megabyte is slow itself
  });
});

describe('malformed Huffman strings (§5.2)', () => {
  const reasonOf = (octets: Uint8Array) => {
    const error = thrownBy(() => huffmanDecode(octets));
    expect(error).toBeInstanceOf(HpackError);
    return (error as HpackError).reason;
  };

  it('padding of 1 to 7 ones, or none, is fine', () => {
    expect(huffmanDecode(bits('00011 111'))).toEqual(ascii('a'));
    expect(huffmanDecode(bits('00011 00011 00011 1'))).toEqual(ascii('aaa'));
    expect(huffmanDecode(bits('00011 00011 00011 00011 00011 00011 00011 00011'))).toEqual(ascii('aaaaaaaa'));
  });

  it('more than 7 bits of padding is an error, even all ones', () => {
    expect(reasonOf(bits('00011 111 11111111'))).toBe('huffman-padding');
    expect(reasonOf(hex('ff'))).toBe('huffman-padding');
    expect(reasonOf(hex('ffff ff'))).toBe('huffman-padding');
  });

  it('padding that is not all ones is an error', () => {
    expect(reasonOf(bits('00011 000'))).toBe('huffman-padding');
    expect(reasonOf(bits('00011 110'))).toBe('huffman-padding');
    // A complete symbol cut short: the first 5 bits of 'Z' (11111101).
    expect(reasonOf(bits('00011 11111 101'))).toBe('huffman-padding');
  });

  it('the EOS symbol inside a string is an error', () => {
    const eos = '1'.repeat(30);
    expect(reasonOf(bits(`${eos} 11`))).toBe('huffman-eos');
    expect(reasonOf(bits(`00011 ${eos} 00011 1111`))).toBe('huffman-eos');
    expect(reasonOf(hex('ffff ffff ffff'))).toBe('huffman-eos');
  });

  it('errors carry the offset of the octet where they were found', () => {
    expect(thrownBy(() => huffmanDecode(bits('00011 000'), 40))).toMatchObject({
      code: 'WB_ERR_HPACK',
      reason: 'huffman-padding',
      offset: 40,
    });
    expect(thrownBy(() => huffmanDecode(hex('18 ffff ffff'), 10))).toMatchObject({ reason: 'huffman-eos', offset: 14 });
  });
});
