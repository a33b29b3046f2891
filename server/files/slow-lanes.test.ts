import { Readable } from 'node:stream';
import { paced, SlowLanes } from './slow-lanes';

describe('SlowLanes', () => {
  it('gives an address its cap of lanes, then none until one is given back', () => {
    const lanes = new SlowLanes({ perAddress: 2, total: 10 });
    const first = lanes.take('203.0.113.7');
    expect(first).not.toBeNull();
    expect(lanes.take('203.0.113.7')).not.toBeNull();
    expect(lanes.take('203.0.113.7')).toBeNull();
    expect(lanes.take('203.0.113.8')).not.toBeNull();
    first?.();
    first?.(); // giving a lane back twice frees it once
    expect(lanes.size).toBe(2);
    expect(lanes.take('203.0.113.7')).not.toBeNull();
    expect(lanes.take('203.0.113.7')).toBeNull();
  });

  it('counts an IPv6 /64 as one address, as the connection caps do', () => {
    const lanes = new SlowLanes({ perAddress: 1, total: 10 });
    expect(lanes.take('2001:db8:1:2::1')).not.toBeNull();
    expect(lanes.take('2001:db8:1:2::ffff')).toBeNull();
    expect(lanes.take('2001:db8:1:3::1')).not.toBeNull();
  });

  it('stops at the total whoever asks', () => {
    const lanes = new SlowLanes({ perAddress: 5, total: 2 });
    expect([1, 2, 3].map((n) => lanes.take(`198.51.100.${n}`) !== null)).toEqual([true, true, false]);
  });
});

describe('paced(body, bytesPerSecond)', () => {
  it('sends the same bytes, a tick’s worth at a time, taking as long as the rate says', async () => {
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => i & 0xff));
    const started = Date.now();
    const pieces: Buffer[] = [];
    // 10 000 B/s is 1000 B per 100 ms tick: three pieces, two waits between them.
    for await (const piece of paced(Readable.from([bytes.subarray(0, 1700), bytes.subarray(1700)]), 10_000)) {
      pieces.push(piece as Buffer);
    }
    expect(Buffer.concat(pieces).equals(bytes)).toBe(true);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(195);
  });
});
