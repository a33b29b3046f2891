import { thrownBy } from '../../test/helpers/errors';
import { HpackDecoder } from './decoder';
import { DynamicTable, entrySize } from './dynamic-table';
import { HpackEncoder } from './encoder';
import { HpackError } from './errors';
import { STATIC_TABLE, staticIndexOf, staticNameIndexOf } from './static-table';

const hex = (text: string) => Uint8Array.from(text.replace(/\s/g, '').match(/../g) ?? [], (pair) => parseInt(pair, 16));
const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

describe('the static table (Appendix A)', () => {
  it('has 61 entries, from :authority to www-authenticate', () => {
    expect(STATIC_TABLE).toHaveLength(61);
    expect(STATIC_TABLE[0]).toEqual([':authority', '']);
    expect(STATIC_TABLE[15]).toEqual(['accept-encoding', 'gzip, deflate']);
    expect(STATIC_TABLE[60]).toEqual(['www-authenticate', '']);
  });

  it('finds fields and names at their lowest index', () => {
    expect(staticIndexOf(':status', '404')).toBe(13);
    expect(staticIndexOf(':status', '302')).toBe(0);
    expect(staticNameIndexOf(':status')).toBe(8);
    expect(staticNameIndexOf('set-cookie')).toBe(55);
    expect(staticNameIndexOf('x-custom')).toBe(0);
  });
});

describe('the dynamic table (§4)', () => {
  it('sizes an entry as its UTF-8 octets plus 32', () => {
    expect(entrySize('custom-key', 'custom-header')).toBe(55);
    expect(entrySize('x', 'é')).toBe(1 + 2 + 32);
    expect(entrySize('', '')).toBe(32);
  });

  it('evicts the oldest entries until a new one fits', () => {
    const table = new DynamicTable(100);
    expect(table.add('a', 'x'.repeat(15))).toBe(0); // 48
    expect(table.add('b', 'x'.repeat(15))).toBe(0); // 96
    expect(table.add('c', '')).toBe(1); // 33: 'a' goes
    expect(table.list().map((entry) => [entry.index, entry.name, entry.size])).toEqual([
      [62, 'c', 33],
      [63, 'b', 48],
    ]);
    expect(table.size).toBe(81);
  });

  it('empties itself for an entry larger than the whole table, without adding it (§4.4)', () => {
    const table = new DynamicTable(64);
    table.add('a', '');
    expect(table.add('big', 'x'.repeat(40))).toBe(1);
    expect(table.length).toBe(0);
    expect(table.size).toBe(0);
  });

  it('evicts on a smaller maximum size, and 0 empties it (§4.3)', () => {
    const table = new DynamicTable(4096);
    for (const name of ['a', 'b', 'c']) table.add(name, '');
    expect(table.setMaxSize(70)).toBe(1);
    expect(table.list().map((entry) => entry.name)).toEqual(['c', 'b']);
    expect(table.setMaxSize(0)).toBe(2);
    expect(table.size).toBe(0);
  });

  it('finds the newest entry with a field, and with a name', () => {
    const table = new DynamicTable(4096);
    table.add('k', '1');
    table.add('k', '2');
    table.add('j', '1');
    expect(table.find('k', '1')).toEqual({ field: 3, name: 2 });
    expect(table.find('k', '3')).toEqual({ field: 0, name: 2 });
    expect(table.find('z', '1')).toEqual({ field: 0, name: 0 });
  });
});

describe('HpackEncoder policy', () => {
  it('refuses upper-case names, before writing anything', () => {
    const encoder = new HpackEncoder();
    const error = thrownBy(() =>
      encoder.encode([
        { name: 'x-ok', value: '1' },
        { name: 'Content-Type', value: 'text/html' },
      ]),
    );
    expect(error).toBeInstanceOf(HpackError);
    expect(error).toMatchObject({ code: 'WB_ERR_HPACK', reason: 'uppercase-name' });
    expect(encoder.table()).toEqual([]);
  });

  it('keeps a sensitive field literal and out of the table, even one the static table holds', () => {
    const encoder = new HpackEncoder({ huffman: 'never' });
    const block = encoder.encode([
      { name: ':method', value: 'GET', sensitive: true },
      { name: 'authorization', value: 'secret', sensitive: true },
    ]);
    expect(toHex(block.bytes)).toBe('12 03 47 45 54 1f 08 06 73 65 63 72 65 74'); // names by index 2 and 23 (15 + 8)
    expect(block.fields.map((field) => field.representation)).toEqual([
      'literal-never-indexed',
      'literal-never-indexed',
    ]);
    expect(encoder.table()).toEqual([]);
    expect(new HpackDecoder().decode(block.bytes).fields).toEqual(block.fields);
  });

  it('reuses a name from the dynamic table when the static table has none', () => {
    const encoder = new HpackEncoder({ huffman: 'never' });
    encoder.encode([{ name: 'x-trace', value: 'a' }]);
    const block = encoder.encode([{ name: 'x-trace', value: 'b' }]);
    expect(toHex(block.bytes)).toBe('7e 01 62');
    expect(block.fields[0]).toMatchObject({ representation: 'literal-incremental', nameIndex: 62 });
  });

  it('may name an entry that adding the new one evicts (§4.4): the name survives', () => {
    const encoder = new HpackEncoder({ maxTableSize: 70, huffman: 'never' });
    const decoder = new HpackDecoder(70);
    decoder.decode(encoder.encode([{ name: 'x-a', value: '1' }]).bytes); // 36 octets
    const block = encoder.encode([{ name: 'x-a', value: '22' }]); // 37 more: the entry it names goes
    expect(toHex(block.bytes)).toBe('7e 02 32 32');
    expect(decoder.decode(block.bytes).fields).toEqual([
      {
        representation: 'literal-incremental',
        name: 'x-a',
        value: '22',
        nameIndex: 62,
        valueHuffman: false,
        evicted: 1,
        start: 0,
        end: 4,
      },
    ]);
    expect(decoder.table()).toEqual([{ index: 62, name: 'x-a', value: '22', size: 37 }]);
  });

  it('indexes a field that is already in a table, whatever the indexing option (except never)', () => {
    const encoder = new HpackEncoder();
    expect(toHex(encoder.encode([{ name: ':path', value: '/', indexing: 'without' }]).bytes)).toBe('84');
  });

  it('does not add, by default, a field larger than the whole table: that would only empty it', () => {
    const encoder = new HpackEncoder({ maxTableSize: 64, huffman: 'never' });
    const decoder = new HpackDecoder(64);
    decoder.decode(encoder.encode([{ name: 'a', value: 'b' }]).bytes);
    const big = { name: 'x-big', value: 'x'.repeat(40) };
    const kept = encoder.encode([big]);
    expect(kept.fields[0]?.representation).toBe('literal-without-indexing');
    decoder.decode(kept.bytes);
    expect(encoder.table().map((entry) => entry.name)).toEqual(['a']);
    // Asked to, it does: the table empties and stays empty, on both sides.
    const flushed = encoder.encode([{ ...big, indexing: 'incremental' }]);
    expect(flushed.fields[0]).toMatchObject({ representation: 'literal-incremental', evicted: 1 });
    expect(decoder.decode(flushed.bytes).fields).toEqual(flushed.fields);
    expect([encoder.table(), decoder.table(), encoder.tableSize(), decoder.tableSize()]).toEqual([[], [], 0, 0]);
  });

  it('sends a size update at the start of the next block, with its evictions', () => {
    const encoder = new HpackEncoder({ huffman: 'never' });
    encoder.encode([
      { name: 'x-a', value: '1' },
      { name: 'x-b', value: '2' },
    ]);
    encoder.setMaxTableSize(40);
    expect(encoder.table()).toHaveLength(2); // nothing happens until the block that carries it
    const block = encoder.encode([{ name: ':method', value: 'GET' }]);
    expect(toHex(block.bytes)).toBe('3f 09 82'); // 31 + 9 = 40
    expect(block.fields[0]).toEqual({
      representation: 'size-update',
      name: '',
      value: '',
      maxSize: 40,
      evicted: 1,
      start: 0,
      end: 2,
    });
    expect(encoder.table().map((entry) => entry.name)).toEqual(['x-b']);
    expect(encoder.tableMaxSize()).toBe(40);
  });

  it('signals the smallest size and then the final one when both changed between blocks (§4.2)', () => {
    const encoder = new HpackEncoder();
    const decoder = new HpackDecoder();
    decoder.decode(encoder.encode([{ name: 'x-a', value: '1' }]).bytes);
    encoder.setMaxTableSize(0);
    encoder.setMaxTableSize(1000);
    encoder.setMaxTableSize(4096);
    const block = encoder.encode([]);
    expect(toHex(block.bytes)).toBe('20 3f e1 1f');
    const decoded = decoder.decode(block.bytes);
    expect(decoded.fields.map((field) => [field.maxSize, field.evicted])).toEqual([
      [0, 1],
      [4096, 0],
    ]);
    expect(decoder.tableMaxSize()).toBe(4096);
    expect(() => encoder.setMaxTableSize(-1)).toThrow(HpackError);
  });

  it("refuses a table larger than the peer's SETTINGS_HEADER_TABLE_SIZE, which its decoder would reject", () => {
    const encoder = new HpackEncoder();
    encoder.encode([{ name: 'x-a', value: '1' }]);
    expect(thrownBy(() => encoder.setMaxTableSize(8192))).toMatchObject({ name: 'HpackError', reason: 'table-size' });
    expect(toHex(encoder.encode([]).bytes)).toBe(''); // the refused size left nothing to signal
    expect(encoder.tableMaxSize()).toBe(4096);
    expect(thrownBy(() => new HpackEncoder({ peerMaxTableSize: 256, maxTableSize: 4096 }))).toMatchObject({
      reason: 'table-size',
    });
    expect(thrownBy(() => new HpackEncoder({ peerMaxTableSize: -1 }))).toMatchObject({ reason: 'table-size' });
    expect(new HpackEncoder({ peerMaxTableSize: 256 }).tableMaxSize()).toBe(256); // starts at the peer's limit, as HpackDecoder(256) does
  });

  it("raises the table up to a larger peer limit, which the peer's decoder accepts", () => {
    const encoder = new HpackEncoder({ peerMaxTableSize: 8192, maxTableSize: 4096 });
    const decoder = new HpackDecoder(); // HTTP/2 starts both at 4096 ...
    decoder.setMaxTableSize(8192); // ... until the decoder's SETTINGS raise the limit
    encoder.setMaxTableSize(8192);
    const block = encoder.encode([{ name: ':method', value: 'GET' }]);
    expect(toHex(block.bytes)).toBe('3f e1 3f 82'); // 31 + 8161 = 8192
    expect(decoder.decode(block.bytes).fields).toEqual(block.fields);
    expect([encoder.tableMaxSize(), decoder.tableMaxSize()]).toEqual([8192, 8192]);
  });

  it('encodes the empty list as the empty block', () => {
    expect(new HpackEncoder().encode([])).toEqual({ bytes: new Uint8Array(), fields: [] });
    expect(new HpackDecoder().decode(new Uint8Array())).toEqual({ headers: [], fields: [] });
  });

  it('with Huffman on "shorter", codes a string unless that is longer, and leaves the empty string raw', () => {
    const encoder = new HpackEncoder({ huffman: 'shorter' });
    const fields = encoder.encode([
      { name: 'x-e', value: '' },
      { name: 'x-u', value: '\u00ff\u00fe' },
    ]).fields;
    expect(fields.map((field) => [field.nameHuffman, field.valueHuffman])).toEqual([
      [true, false],
      [true, false],
    ]);
  });
});

describe('HpackDecoder on malformed blocks', () => {
  const failure = (block: string, decoder = new HpackDecoder()) => {
    const error = thrownBy(() => decoder.decode(hex(block)));
    expect(error).toBeInstanceOf(HpackError);
    return error as HpackError;
  };

  it('index 0 is an error for an indexed field; as the name index of a literal it means a literal name', () => {
    expect(failure('80')).toMatchObject({ reason: 'bad-index', offset: 0 });
    expect(new HpackDecoder().decode(hex('40 01 61 01 62')).headers).toEqual([{ name: 'a', value: 'b' }]);
  });

  it('an index past the end of the tables is an error', () => {
    expect(failure('be').reason).toBe('bad-index'); // 62 with an empty dynamic table
    expect(failure('82 7f 00 01 61')).toMatchObject({ reason: 'bad-index', offset: 1 }); // name index 63
    expect(failure('ff 80 80 01').reason).toBe('bad-index'); // 16511
    const decoder = new HpackDecoder();
    decoder.decode(hex('40 01 61 01 62'));
    expect(decoder.decode(hex('be')).headers).toEqual([{ name: 'a', value: 'b' }]);
    expect(failure('bf', decoder).reason).toBe('bad-index');
  });

  it('an index that overflows is an error', () => {
    expect(failure('ff ff ff ff ff ff 0f').reason).toBe('integer-overflow');
    expect(failure('3f ff ff ff ff ff 0f').reason).toBe('integer-overflow');
  });

  it('a truncated block is an error', () => {
    for (const block of ['40', '40 0a', '40 0a 63 75 73', '41', '41 0f 77 77', '41 8c f1 e3', 'ff', '3f e1']) {
      expect(failure(block).reason).toBe('truncated');
    }
  });

  it('bad Huffman in a literal is an error, at its offset', () => {
    expect(failure('82 41 81 ff')).toMatchObject({ reason: 'huffman-padding', offset: 3 });
    expect(failure('41 84 ff ff ff ff').reason).toBe('huffman-eos');
    expect(failure('40 81 18 01 61').reason).toBe('huffman-padding'); // 'a' then 000 in a name
  });

  it('a size update above the limit is an error; up to it, fine', () => {
    expect(new HpackDecoder().decode(hex('3f e1 1f')).fields[0]).toMatchObject({ maxSize: 4096 });
    expect(failure('3f e2 1f')).toMatchObject({ reason: 'table-size', offset: 0 });
    expect(failure('3f 22', new HpackDecoder(64)).reason).toBe('table-size'); // 65
  });

  it('a size update after a header field is an error; several before are fine', () => {
    expect(failure('82 20')).toMatchObject({ reason: 'size-update-position', offset: 1 });
    expect(new HpackDecoder().decode(hex('20 3f e1 1f 82')).headers).toEqual([{ name: ':method', value: 'GET' }]);
  });

  it('after a lowered limit, the next block must open with a size update to at most it (§4.2)', () => {
    const filled = () => {
      const decoder = new HpackDecoder();
      decoder.decode(hex('40 01 61 01 62 40 01 63 01 64')); // a: b, then c: d, 34 octets each
      decoder.setMaxTableSize(40);
      return decoder;
    };
    expect(failure('82', filled())).toMatchObject({ reason: 'size-update-missing', offset: 0 });
    expect(failure('', filled()).reason).toBe('size-update-missing');
    expect(failure('3f 0a 82', filled())).toMatchObject({ reason: 'table-size', offset: 0 }); // 41
    const decoder = filled();
    expect(decoder.table()).toHaveLength(2); // nothing is evicted before the update, as on the encoder's side
    expect(decoder.decode(hex('3f 09 82')).fields[0]).toMatchObject({
      representation: 'size-update',
      maxSize: 40,
      evicted: 1,
    });
    expect(decoder.table().map((entry) => entry.name)).toEqual(['c']);
    expect(decoder.decode(hex('82')).headers).toEqual([{ name: ':method', value: 'GET' }]); // owed once, then paid
    expect(failure('3f 0a', decoder).reason).toBe('table-size'); // 41: the lowered limit stays
  });

  it('after a limit lowered and raised again, the first update answers the lowest and the next the latest', () => {
    const decoder = new HpackDecoder();
    decoder.setMaxTableSize(100);
    decoder.setMaxTableSize(4096);
    const encoder = new HpackEncoder(); // what a peer that saw both settings sends
    encoder.setMaxTableSize(100);
    encoder.setMaxTableSize(4096);
    const block = encoder.encode([]);
    expect(toHex(block.bytes)).toBe('3f 45 3f e1 1f');
    expect(decoder.decode(block.bytes).fields.map((field) => field.maxSize)).toEqual([100, 4096]);
    const again = new HpackDecoder();
    again.setMaxTableSize(100);
    again.setMaxTableSize(4096);
    expect(failure('3f e1 1f', again).reason).toBe('table-size'); // 4096 first is over the lowest, 100
  });

  it('owes no update when the table already fits the new limit, or the limit rises', () => {
    const raised = new HpackDecoder();
    raised.setMaxTableSize(8192);
    expect(raised.decode(hex('82')).headers).toHaveLength(1);
    expect(raised.decode(hex('3f e1 3f')).fields[0]?.maxSize).toBe(8192);
    const small = new HpackDecoder();
    small.decode(hex('3f 45')); // the encoder already keeps its table at 100
    small.setMaxTableSize(2000);
    expect(small.decode(hex('82')).headers).toHaveLength(1);
    expect(failure('3f b2 0f', small).reason).toBe('table-size'); // 2001
    expect(thrownBy(() => small.setMaxTableSize(-1))).toMatchObject({ reason: 'table-size' });
  });

  it('sizes entries by the octets on the wire, not by their display', () => {
    const decoder = new HpackDecoder();
    const { headers } = decoder.decode(hex('40 01 61 01 ff')); // 0xff is not UTF-8
    expect(headers).toEqual([{ name: 'a', value: '\ufffd' }]);
    expect(decoder.tableSize()).toBe(1 + 1 + 32);
    decoder.decode(hex('7e 01 62')); // the name by index keeps its octet count
    expect(decoder.tableSize()).toBe(34 + 34);
  });
});
