/**
 * RFC 7541 Appendix C.2–C.6, byte for byte: the encoder's output, the decoder's header list and,
 * after every block, both sides' dynamic tables exactly as the RFC lists them.
 */
import { HpackDecoder } from './decoder';
import { HpackEncoder, type HuffmanPolicy } from './encoder';
import type { HeaderInput } from './types';

const hex = (text: string) => Uint8Array.from(text.replace(/\s/g, '').match(/../g) ?? [], (pair) => parseInt(pair, 16));
const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const list = (pairs: [string, string][]) => pairs.map(([name, value]) => ({ name, value }));
/** A table as the RFC prints it: `[  1] (s =  57) :authority: www.example.com` becomes [57, name, value]. */
const tableOf = (rows: [number, string, string][]) =>
  rows.map(([size, name, value], i) => ({ index: 62 + i, name, value, size }));

interface Step {
  section: string;
  headers: [string, string][];
  hex: string;
  table: [number, string, string][];
  tableSize: number;
  /** Entries each field evicted, where the RFC's decoding process shows evictions. */
  evicted?: number[];
}

const REQUESTS: [string, string][][] = [
  [
    [':method', 'GET'],
    [':scheme', 'http'],
    [':path', '/'],
    [':authority', 'www.example.com'],
  ],
  [
    [':method', 'GET'],
    [':scheme', 'http'],
    [':path', '/'],
    [':authority', 'www.example.com'],
    ['cache-control', 'no-cache'],
  ],
  [
    [':method', 'GET'],
    [':scheme', 'https'],
    [':path', '/index.html'],
    [':authority', 'www.example.com'],
    ['custom-key', 'custom-value'],
  ],
];
const REQUEST_TABLES: [number, string, string][][] = [
  [[57, ':authority', 'www.example.com']],
  [
    [53, 'cache-control', 'no-cache'],
    [57, ':authority', 'www.example.com'],
  ],
  [
    [54, 'custom-key', 'custom-value'],
    [53, 'cache-control', 'no-cache'],
    [57, ':authority', 'www.example.com'],
  ],
];
const REQUEST_SIZES = [57, 110, 164];

const DATE_21 = 'Mon, 21 Oct 2013 20:13:21 GMT';
const DATE_22 = 'Mon, 21 Oct 2013 20:13:22 GMT';
const COOKIE = 'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1';
const RESPONSES: [string, string][][] = [
  [
    [':status', '302'],
    ['cache-control', 'private'],
    ['date', DATE_21],
    ['location', 'https://www.example.com'],
  ],
  [
    [':status', '307'],
    ['cache-control', 'private'],
    ['date', DATE_21],
    ['location', 'https://www.example.com'],
  ],
  [
    [':status', '200'],
    ['cache-control', 'private'],
    ['date', DATE_22],
    ['location', 'https://www.example.com'],
    ['content-encoding', 'gzip'],
    ['set-cookie', COOKIE],
  ],
];
const RESPONSE_TABLES: [number, string, string][][] = [
  [
    [63, 'location', 'https://www.example.com'],
    [65, 'date', DATE_21],
    [52, 'cache-control', 'private'],
    [42, ':status', '302'],
  ],
  [
    [42, ':status', '307'],
    [63, 'location', 'https://www.example.com'],
    [65, 'date', DATE_21],
    [52, 'cache-control', 'private'],
  ],
  [
    [98, 'set-cookie', COOKIE],
    [52, 'content-encoding', 'gzip'],
    [65, 'date', DATE_22],
  ],
];
const RESPONSE_SIZES = [222, 222, 215];
// From the decoding processes: ":status: 307" evicts ":status: 302"; in the third response the date
// evicts "cache-control: private", content-encoding the old date, set-cookie location and ":status: 307".
const RESPONSE_EVICTIONS = [
  [0, 0, 0, 0],
  [1, undefined, undefined, undefined],
  [undefined, undefined, 1, undefined, 1, 2],
];

const requests = (section: string, hexes: string[]): Step[] =>
  hexes.map((hex, i) => ({
    section: `${section}.${i + 1}`,
    headers: REQUESTS[i]!,
    hex,
    table: REQUEST_TABLES[i]!,
    tableSize: REQUEST_SIZES[i]!,
  }));
const responses = (section: string, hexes: string[]): Step[] =>
  hexes.map((hex, i) => ({
    section: `${section}.${i + 1}`,
    headers: RESPONSES[i]!,
    hex,
    table: RESPONSE_TABLES[i]!,
    tableSize: RESPONSE_SIZES[i]!,
    evicted: RESPONSE_EVICTIONS[i] as number[],
  }));

const C3 = requests('C.3', [
  '8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d',
  '8286 84be 5808 6e6f 2d63 6163 6865',
  '8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65',
]);
const C4 = requests('C.4', [
  '8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff',
  '8286 84be 5886 a8eb 1064 9cbf',
  '8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf',
]);
const C5 = responses('C.5', [
  '4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d',
  '4803 3330 37c1 c0bf',
  '88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31',
]);
const C6 = responses('C.6', [
  '4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3',
  '4883 640e ffc1 c0bf',
  '88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07',
]);

/** Runs a sequence of blocks through one encoder and one decoder, as on one connection. */
function sequence(title: string, steps: Step[], huffman: HuffmanPolicy, maxTableSize = 4096) {
  describe(title, () => {
    const encoder = new HpackEncoder({ maxTableSize, huffman });
    const decoder = new HpackDecoder(maxTableSize);
    for (const step of steps) {
      it(`${step.section}: encodes and decodes byte for byte, with the table after`, () => {
        const encoded = encoder.encode(list(step.headers));
        expect(toHex(encoded.bytes)).toBe(toHex(hex(step.hex)));
        const decoded = decoder.decode(hex(step.hex));
        expect(decoded.headers).toEqual(list(step.headers));
        expect(decoded.fields).toEqual(encoded.fields);
        for (const side of [encoder, decoder]) {
          expect(side.table()).toEqual(tableOf(step.table));
          expect(side.tableSize()).toBe(step.tableSize);
        }
        if (step.evicted) expect(decoded.fields.map((field) => field.evicted)).toEqual(step.evicted);
        // The fields tile the block: each starts where the last ended.
        expect(decoded.fields.map((field) => [field.start, field.end]).flat()).toEqual([
          0,
          ...decoded.fields
            .slice(0, -1)
            .map((field) => [field.end, field.end])
            .flat(),
          hex(step.hex).length,
        ]);
      });
    }
  });
}

sequence('C.3 requests without Huffman coding', C3, 'never');
sequence('C.4 requests with Huffman coding', C4, 'shorter');
sequence('C.4 again, with Huffman coding forced on', C4, 'always');
sequence('C.5 responses without Huffman coding, a 256-octet table', C5, 'never', 256);
sequence('C.6 responses with Huffman coding, a 256-octet table', C6, 'shorter', 256);
sequence('C.6 again, with Huffman coding forced on', C6, 'always', 256);

describe('C.2 header field representations, each on a fresh connection', () => {
  const cases: {
    section: string;
    header: HeaderInput;
    hex: string;
    table: [number, string, string][];
    representation: string;
  }[] = [
    {
      section: 'C.2.1 literal with indexing',
      header: { name: 'custom-key', value: 'custom-header' },
      hex: '400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572',
      table: [[55, 'custom-key', 'custom-header']],
      representation: 'literal-incremental',
    },
    {
      section: 'C.2.2 literal without indexing',
      header: { name: ':path', value: '/sample/path', indexing: 'without' },
      hex: '040c 2f73 616d 706c 652f 7061 7468',
      table: [],
      representation: 'literal-without-indexing',
    },
    {
      section: 'C.2.3 literal never indexed',
      header: { name: 'password', value: 'secret', sensitive: true },
      hex: '1008 7061 7373 776f 7264 0673 6563 7265 74',
      table: [],
      representation: 'literal-never-indexed',
    },
    {
      section: 'C.2.4 indexed',
      header: { name: ':method', value: 'GET' },
      hex: '82',
      table: [],
      representation: 'indexed',
    },
  ];
  it.each(cases)('$section', ({ header, hex: expected, table, representation }) => {
    const encoder = new HpackEncoder({ huffman: 'never' });
    const decoder = new HpackDecoder();
    const encoded = encoder.encode([header]);
    expect(toHex(encoded.bytes)).toBe(toHex(hex(expected)));
    const decoded = decoder.decode(hex(expected));
    // Only the never-indexed literal comes back marked, so that re-encoding it keeps it one.
    expect(decoded.headers).toStrictEqual([
      representation === 'literal-never-indexed'
        ? { name: header.name, value: header.value, sensitive: true }
        : { name: header.name, value: header.value },
    ]);
    expect(decoded.fields).toEqual(encoded.fields);
    expect(decoded.fields[0]?.representation).toBe(representation);
    for (const side of [encoder, decoder]) {
      expect(side.table()).toEqual(tableOf(table));
      expect(side.tableSize()).toBe(table.reduce((sum, [size]) => sum + size, 0));
    }
  });

  it('C.2.3 by the indexing option, too', () => {
    const { bytes } = new HpackEncoder({ huffman: 'never' }).encode([
      { name: 'password', value: 'secret', indexing: 'never' },
    ]);
    expect(toHex(bytes)).toBe('100870617373776f726406736563726574');
    expect(new HpackDecoder().decode(bytes).headers).toStrictEqual([
      { name: 'password', value: 'secret', sensitive: true },
    ]);
  });
});

describe('the annotations a UI draws from', () => {
  it('C.3.1 and C.4.3, field by field', () => {
    expect(new HpackDecoder().decode(hex(C3[0]!.hex)).fields).toEqual([
      { representation: 'indexed', name: ':method', value: 'GET', index: 2, start: 0, end: 1 },
      { representation: 'indexed', name: ':scheme', value: 'http', index: 6, start: 1, end: 2 },
      { representation: 'indexed', name: ':path', value: '/', index: 4, start: 2, end: 3 },
      {
        representation: 'literal-incremental',
        name: ':authority',
        value: 'www.example.com',
        nameIndex: 1,
        valueHuffman: false,
        evicted: 0,
        start: 3,
        end: 20,
      },
    ]);
    const encoder = new HpackEncoder();
    encoder.encode(list(REQUESTS[0]!));
    encoder.encode(list(REQUESTS[1]!));
    expect(encoder.encode(list(REQUESTS[2]!)).fields.slice(3)).toEqual([
      { representation: 'indexed', name: ':authority', value: 'www.example.com', index: 63, start: 3, end: 4 },
      {
        representation: 'literal-incremental',
        name: 'custom-key',
        value: 'custom-value',
        nameHuffman: true,
        valueHuffman: true,
        evicted: 0,
        start: 4,
        end: 24,
      },
    ]);
  });
});
