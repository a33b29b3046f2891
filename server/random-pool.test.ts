import { RandomPool } from './random-pool';

describe('RandomPool', () => {
  it('never hands out the same bytes twice, across refills', () => {
    const pool = new RandomPool(64);
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) seen.add(pool.take(16, 'base64'));
    expect(seen.size).toBe(1000);
  });

  it('gives n bytes in the encoding asked for', () => {
    const pool = new RandomPool(40);
    expect(Buffer.from(pool.take(16, 'base64'), 'base64')).toHaveLength(16);
    expect(pool.take(32, 'base64url')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(pool.take(100, 'base64'), 'base64')).toHaveLength(100);
  });
});
