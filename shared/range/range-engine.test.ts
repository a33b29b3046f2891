import fc from 'fast-check';
import { contentRange, decideRange, parseContentRange, parseRange } from './range-engine';

describe('parseRange(header)', () => {
  it('reads int ranges, open ranges and suffixes, with optional whitespace (RFC 9110 §14.1.2)', () => {
    expect(parseRange('bytes=0-499')).toEqual([{ first: 0, last: 499 }]);
    expect(parseRange('bytes=500-')).toEqual([{ first: 500, last: null }]);
    expect(parseRange('bytes=-500')).toEqual([{ suffix: 500 }]);
    expect(parseRange('Bytes=0-0, -1 ,\t9500-')).toEqual([
      { first: 0, last: 0 },
      { suffix: 1 },
      { first: 9500, last: null },
    ]);
    expect(parseRange('bytes=1-2,,3-4')).toEqual([
      { first: 1, last: 2 },
      { first: 3, last: 4 },
    ]);
  });

  it.each([
    ['items=0-5', 'unit'],
    ['bytes', 'syntax'],
    ['bytes=', 'syntax'],
    ['bytes=abc', 'syntax'],
    ['bytes=5-1', 'syntax'],
    ['bytes=1-2;3-4', 'syntax'],
    ['bytes=--5', 'syntax'],
    ['bytes=0x10-20', 'syntax'],
  ])('%p is %p', (header, why) => {
    expect(parseRange(header)).toBe(why);
  });

  it('reads long hostile headers in one pass, and refuses ones over the length limit', () => {
    // The scanner reads each character once; these finish at once where a backtracking pattern would not.
    expect(parseRange(`bytes=${'1'.repeat(3000)}-${'2,'.repeat(500)}`, 10_000)).toBe('syntax');
    expect(parseRange(`bytes=${'0-1,'.repeat(2000)}0-1`, 10_000)).toHaveLength(2001);
    expect(parseRange(`bytes=${'0-1,'.repeat(2000)}0-1`)).toBe('syntax');
  });
});

describe('decideRange(header, length) for a 10000-byte representation (RFC 9110 §14.1.2 examples)', () => {
  it.each([
    ['bytes=0-499', [{ start: 0, end: 499 }]],
    ['bytes=500-999', [{ start: 500, end: 999 }]],
    ['bytes=-500', [{ start: 9500, end: 9999 }]],
    ['bytes=9500-', [{ start: 9500, end: 9999 }]],
    [
      'bytes=0-0,-1',
      [
        { start: 0, end: 0 },
        { start: 9999, end: 9999 },
      ],
    ],
    ['bytes=9000-20000', [{ start: 9000, end: 9999 }]],
    ['bytes=-20000', [{ start: 0, end: 9999 }]],
  ])('%s → %j', (header, ranges) => {
    expect(decideRange(header, 10_000)).toEqual({ kind: 'partial', ranges });
  });

  it('sorts, and coalesces overlapping, adjacent and nearly adjacent ranges', () => {
    expect(decideRange('bytes=500-600,601-999,0-100', 10_000)).toEqual({
      kind: 'partial',
      ranges: [
        { start: 0, end: 100 },
        { start: 500, end: 999 },
      ],
    });
    expect(decideRange('bytes=0-10,50-60', 10_000)).toEqual({ kind: 'partial', ranges: [{ start: 0, end: 60 }] });
    expect(decideRange('bytes=0-10,50-60', 10_000, { coalesceGap: 0 })).toEqual({
      kind: 'partial',
      ranges: [
        { start: 0, end: 10 },
        { start: 50, end: 60 },
      ],
    });
  });

  it('treats an empty representation as having nothing to send: even 0- is unsatisfiable', () => {
    expect(decideRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('serves the whole representation for a thousand ranges', () => {
    const thousand = `bytes=${Array.from({ length: 1000 }, (_, i) => `${i * 10}-${i * 10 + 4}`).join(',')}`;
    expect(decideRange(thousand, 10_000)).toEqual({ kind: 'whole', reason: 'abusive' });
  });

  it('never throws, whatever the header', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat(1_000_000), (tail, length) => {
        for (const header of [tail, `bytes=${tail}`])
          expect(['whole', 'unsatisfiable', 'partial']).toContain(decideRange(header, length).kind);
      }),
    );
  });

  it('is unsatisfiable (416) when no range starts inside the representation', () => {
    expect(decideRange('bytes=10000-', 10_000)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-0', 10_000)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=0-5', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=99999999999999999999999-', 10_000)).toEqual({ kind: 'unsatisfiable' });
    expect(contentRange(null, 10_000)).toBe('bytes */10000');
  });

  it('drops the unsatisfiable specs of a set that has satisfiable ones', () => {
    expect(decideRange('bytes=20000-30000,0-9', 10_000)).toEqual({ kind: 'partial', ranges: [{ start: 0, end: 9 }] });
  });

  it.each([
    [undefined, 'absent'],
    ['items=0-5', 'unit'],
    ['bytes=9-1', 'syntax'],
    [`bytes=${Array.from({ length: 33 }, (_, i) => `${i * 100}-${i * 100 + 1}`).join(',')}`, 'abusive'],
    ['bytes=0-9999,0-9999,0-9999', 'abusive'],
  ])('serves the whole representation for %p (%s)', (header, reason) => {
    expect(decideRange(header, 10_000)).toEqual({ kind: 'whole', reason });
  });

  it('only ever returns ascending, disjoint ranges inside the representation', () => {
    const spec = fc.oneof(
      fc
        .tuple(fc.nat(20_000), fc.option(fc.nat(20_000)))
        .map(([a, b]) => (b === null ? `${a}-` : `${Math.min(a, b)}-${Math.max(a, b)}`)),
      fc.nat(20_000).map((n) => `-${n}`),
    );
    fc.assert(
      fc.property(fc.array(spec, { minLength: 1, maxLength: 10 }), fc.nat(15_000), (specs, length) => {
        const decision = decideRange(`bytes=${specs.join(',')}`, length);
        if (decision.kind !== 'partial') return;
        let previousEnd = -2;
        for (const { start, end } of decision.ranges) {
          expect(start).toBeGreaterThan(previousEnd + 1);
          expect(end).toBeGreaterThanOrEqual(start);
          expect(end).toBeLessThan(length);
          previousEnd = end;
        }
      }),
    );
  });
});

describe('contentRange(range, length)', () => {
  it('writes bytes first-last/complete-length (§14.4)', () => {
    expect(contentRange({ start: 0, end: 499 }, 1234)).toBe('bytes 0-499/1234');
  });
});

describe('parseContentRange(value)', () => {
  it.each([
    // RFC 9110 §14.4's examples.
    ['bytes 42-1233/1234', { range: { start: 42, end: 1233 }, length: 1234 }],
    ['bytes */1234', { range: null, length: 1234 }],
  ])('reads %p', (value, parsed) => {
    expect(parseContentRange(value)).toEqual(parsed);
  });

  it('reads back what contentRange writes', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(1e9), fc.nat(1e9), (a, b, extra) => {
        const range = { start: Math.min(a, b), end: Math.max(a, b) };
        const length = range.end + 1 + extra;
        expect(parseContentRange(contentRange(range, length))).toEqual({ range, length });
      }),
    );
  });

  // §14.4's invalid example (42-1233/*, an unknown length, is valid but says nothing to draw) and others.
  it.each(['bytes 42-1233/*', 'bytes 9-1/10', 'bytes 0-10/10', 'items 0-1/2', 'bytes 0-1', ''])(
    'refuses %p',
    (value) => {
      expect(parseContentRange(value)).toBeNull();
    },
  );
});
