import fc from 'fast-check';
import { HpackDecoder } from './decoder';
import { HpackEncoder, type HuffmanPolicy } from './encoder';
import { HpackError } from './errors';
import { STATIC_TABLE } from './static-table';
import type { AnnotatedField, HeaderInput } from './types';

const hex = (text: string) => Uint8Array.from(text.replace(/\s/g, '').match(/../g) ?? [], (pair) => parseInt(pair, 16));

// Names and values that hit the tables often, mixed with arbitrary ones, so that indexed fields,
// name references, evictions and misses all happen within a few blocks.
const nameArb = fc.oneof(
  fc.constantFrom(...STATIC_TABLE.map(([name]) => name), 'x-a', 'x-b', 'custom-key'),
  fc.string({
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_:'.split('')),
    minLength: 1,
    maxLength: 20,
  }),
);
const valueArb = fc.oneof(
  fc.constantFrom('', 'GET', '/', 'gzip, deflate', '200', 'private', 'www.example.com'),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }), // any Unicode: UTF-8 octets, Huffman's long codes
);
const headerArb: fc.Arbitrary<HeaderInput> = fc.record(
  {
    name: nameArb,
    value: valueArb,
    sensitive: fc.boolean(),
    indexing: fc.constantFrom('incremental', 'without', 'never') as fc.Arbitrary<HeaderInput['indexing']>,
  },
  { requiredKeys: ['name', 'value'] },
);

/** Which fields of a block are never-indexed literals, size updates left out. */
const neverIndexed = (fields: AnnotatedField[]) =>
  fields
    .filter((field) => field.representation !== 'size-update')
    .map((field) => field.representation === 'literal-never-indexed');

describe('encoder → decoder round trip (fast-check)', () => {
  it('gives back every header list, with both tables in step, across blocks and resizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom<HuffmanPolicy>('always', 'never', 'shorter'),
        fc.array(
          fc.record({
            resizes: fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 3 }),
            headers: fc.array(headerArb, { maxLength: 12 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (limit, huffman, blocks) => {
          const encoder = new HpackEncoder({ peerMaxTableSize: limit, huffman });
          const decoder = new HpackDecoder(limit);
          // A relay: decodes, then encodes what it decoded for the next hop (§6.2.3 binds it).
          const relay = new HpackEncoder({ peerMaxTableSize: limit, huffman });
          const nextHop = new HpackDecoder(limit);
          for (const { resizes, headers } of blocks) {
            for (const size of resizes) encoder.setMaxTableSize(Math.min(size, limit));
            const encoded = encoder.encode(headers);
            const decoded = decoder.decode(encoded.bytes);
            const secret = ({ sensitive, indexing }: HeaderInput) => sensitive === true || indexing === 'never';
            expect(decoded.headers).toStrictEqual(
              headers.map((header) =>
                secret(header)
                  ? { name: header.name, value: header.value, sensitive: true }
                  : { name: header.name, value: header.value },
              ),
            );
            expect(decoded.fields).toEqual(encoded.fields);
            const relayed = relay.encode(decoded.headers);
            expect(neverIndexed(relayed.fields)).toEqual(neverIndexed(encoded.fields));
            expect(neverIndexed(relayed.fields)).toEqual(headers.map(secret));
            expect(nextHop.decode(relayed.bytes).headers).toStrictEqual(decoded.headers);
            expect(decoder.table()).toEqual(encoder.table());
            expect(decoder.tableSize()).toBe(encoder.tableSize());
            expect(encoder.tableSize()).toBeLessThanOrEqual(encoder.tableMaxSize());
            expect(encoder.tableSize()).toBe(encoder.table().reduce((sum, entry) => sum + entry.size, 0));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the decoder on hostile input', () => {
  /** Decodes, and says how: a header list, or an HpackError's reason. Anything else fails the test. */
  const outcome = (bytes: Uint8Array, limit: number): string => {
    try {
      new HpackDecoder(limit).decode(bytes);
      return 'ok';
    } catch (error) {
      if (!(error instanceof HpackError)) throw error;
      return error.reason;
    }
  };

  it('2000 random byte strings: a header list or an HpackError, each quickly', () => {
    const seen = new Set<string>();
    let slowest = 0;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(0, 64, 256, 4096), (bytes, limit) => {
        const started = performance.now();
        seen.add(outcome(bytes, limit));
        slowest = Math.max(slowest, performance.now() - started);
      }),
      { numRuns: 2000 },
    );
    expect(slowest).toBeLessThan(250);
    expect(seen.size).toBeGreaterThan(3); // the inputs reach several distinct failures, not one early check
  });

  it('2000 mutations of real blocks: the same', () => {
    const blocks = [
      '8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff', // C.4.1
      '4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3', // C.6.1
      '3f e1 1f 40 0a 63 75 73 74 6f 6d 2d 6b 65 79 0d 63 75 73 74 6f 6d 2d 68 65 61 64 65 72 be', // an update, C.2.1, then its entry
    ].map(hex);
    fc.assert(
      fc.property(
        fc.constantFrom(...blocks),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        (block, edits, cut) => {
          const bytes = block.slice(0, block.length - (cut % 4));
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          outcome(bytes, 4096);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a block of half a megabyte decodes in well under a second', () => {
    // Indexed references to one entry, and Huffman-coded literals that are not indexed.
    const headers: HeaderInput[] = [];
    for (let i = 0; i < 20_000; i++)
      headers.push(
        { name: 'x-bench', value: 'v' },
        { name: 'x-long', value: 'accept-language zh-CN '.repeat(2), indexing: 'without' },
      );
    const { bytes } = new HpackEncoder().encode(headers);
    expect(bytes.length).toBeGreaterThan(500_000);
    const started = performance.now();
    const decoded = new HpackDecoder().decode(bytes);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(decoded.headers).toHaveLength(headers.length);
  });
});
