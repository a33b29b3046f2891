import { thrownBy } from '../../test/helpers/errors';
import { HpackError } from './errors';
import { decodeInteger, encodeInteger } from './integer';

describe('prefix integers, RFC 7541 Appendix C.1', () => {
  it('C.1.1: 10 with a 5-bit prefix is one octet', () => {
    expect(encodeInteger(10, 5)).toEqual([0b01010]);
    expect(decodeInteger(Uint8Array.of(0b111_01010), 0, 5)).toEqual({ value: 10, next: 1 }); // the bits above the prefix are not the integer's
  });

  it('C.1.2: 1337 with a 5-bit prefix is 31, then 154, then 10', () => {
    expect(encodeInteger(1337, 5)).toEqual([0b11111, 0b10011010, 0b00001010]);
    expect(decodeInteger(Uint8Array.of(0x1f, 0x9a, 0x0a), 0, 5)).toEqual({ value: 1337, next: 3 });
  });

  it('C.1.3: 42 starting at an octet boundary (an 8-bit prefix)', () => {
    expect(encodeInteger(42, 8)).toEqual([0b00101010]);
    expect(decodeInteger(Uint8Array.of(42), 0, 8)).toEqual({ value: 42, next: 1 });
  });
});

describe('prefix integers at the edges', () => {
  it('a value equal to the prefix maximum takes a zero continuation octet', () => {
    expect(encodeInteger(31, 5)).toEqual([31, 0]);
    expect(encodeInteger(127, 7, 0x80)).toEqual([0xff, 0]);
    expect(decodeInteger(Uint8Array.of(31, 0), 0, 5)).toEqual({ value: 31, next: 2 });
  });

  it('round-trips across every prefix width, up to 2^32 - 1', () => {
    for (const prefix of [1, 4, 5, 6, 7, 8]) {
      for (const value of [
        0,
        1,
        (1 << prefix) - 2,
        (1 << prefix) - 1,
        1 << prefix,
        127,
        128,
        16383,
        16384,
        2 ** 31,
        2 ** 32 - 1,
      ]) {
        const octets = Uint8Array.from(encodeInteger(value, prefix));
        expect(decodeInteger(octets, 0, prefix)).toEqual({ value, next: octets.length });
      }
    }
  });

  it('reads at an offset and leaves the flags alone', () => {
    expect(encodeInteger(5, 6, 0x40)).toEqual([0x45]);
    expect(decodeInteger(Uint8Array.of(0, 0, 0x45), 2, 6)).toEqual({ value: 5, next: 3 });
  });
});

describe('prefix integers that cannot be written', () => {
  const reasonOf = (run: () => unknown) => {
    const error = thrownBy(run);
    expect(error).toBeInstanceOf(HpackError);
    expect(error).toMatchObject({ code: 'WB_ERR_HPACK' });
    return (error as HpackError).reason;
  };

  it('refuses to encode what it would not decode', () => {
    expect(reasonOf(() => encodeInteger(2 ** 32, 5))).toBe('integer-overflow');
    expect(reasonOf(() => encodeInteger(2 ** 60, 8))).toBe('integer-overflow');
    expect(reasonOf(() => encodeInteger(-1, 5))).toBe('bad-integer');
    expect(reasonOf(() => encodeInteger(1.5, 5))).toBe('bad-integer');
    expect(reasonOf(() => encodeInteger(NaN, 5))).toBe('bad-integer');
    expect(reasonOf(() => encodeInteger(Infinity, 5))).toBe('bad-integer');
  });

  it('refuses a prefix outside 1 to 8 bits, which would write octets no decoder reads back', () => {
    // Unchecked, these gave [511, 89] (not an octet) and [0, 10] (a prefix with no bits).
    expect(reasonOf(() => encodeInteger(600, 9))).toBe('bad-integer');
    expect(reasonOf(() => encodeInteger(10, 0))).toBe('bad-integer');
    expect(reasonOf(() => encodeInteger(10, 4.5))).toBe('bad-integer');
    expect(reasonOf(() => decodeInteger(Uint8Array.of(10), 0, 9))).toBe('bad-integer');
    expect(reasonOf(() => decodeInteger(Uint8Array.of(10), 0, 0))).toBe('bad-integer');
    expect(encodeInteger(1, 1, 0xfe)).toEqual([0xff, 0]); // the edges themselves are fine
    expect(encodeInteger(255, 8)).toEqual([255, 0]);
  });

  it('refuses flags that reach into the prefix or past the octet', () => {
    expect(reasonOf(() => encodeInteger(5, 6, 0x20))).toBe('bad-integer'); // 0x20 is the prefix's top bit
    expect(reasonOf(() => encodeInteger(5, 8, 0x80))).toBe('bad-integer');
    expect(reasonOf(() => encodeInteger(5, 4, 0x100))).toBe('bad-integer');
    expect(encodeInteger(5, 4, 0x10)).toEqual([0x15]);
  });
});

describe('malformed prefix integers', () => {
  const reasonOf = (bytes: number[], prefix = 5) => {
    const error = thrownBy(() => decodeInteger(Uint8Array.from(bytes), 0, prefix));
    expect(error).toBeInstanceOf(HpackError);
    expect(error).toMatchObject({ code: 'WB_ERR_HPACK', offset: 0 });
    return (error as HpackError).reason;
  };

  it('over 2^32 - 1 is an overflow', () => {
    expect(reasonOf([0x1f, 0xe1, 0xff, 0xff, 0xff, 0x0f])).toBe('integer-overflow'); // 31 + 2^32 - 31 = 2^32
    expect(reasonOf([0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], 8)).toBe('integer-overflow');
  });

  it('more continuation octets than 32 bits need is an overflow, even when they add nothing', () => {
    expect(reasonOf([0x1f, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00])).toBe('integer-overflow');
    // A megabyte of 0x80 fails at the sixth octet instead of being read to the end.
    const endless = new Uint8Array(1 << 20).fill(0x80);
    endless[0] = 0x1f;
    const started = performance.now();
    expect(reasonOf(Array.from(endless.subarray(0, 64)))).toBe('integer-overflow');
    expect(thrownBy(() => decodeInteger(endless, 0, 5))).toMatchObject({ reason: 'integer-overflow' });
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('a block that ends inside an integer is truncated', () => {
    expect(reasonOf([])).toBe('truncated');
    expect(reasonOf([0x1f])).toBe('truncated');
    expect(reasonOf([0x1f, 0x9a])).toBe('truncated');
  });
});
