import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst of its capacity, then one per refill interval', () => {
    const bucket = new TokenBucket(3, 3000, 0);
    expect([1, 2, 3, 4].map(() => bucket.take(0))).toEqual([true, true, true, false]);
    expect(bucket.waitMs).toBe(1000);
    expect(bucket.take(999)).toBe(false);
    expect(bucket.take(1000)).toBe(true);
    expect(bucket.take(1000)).toBe(false);
  });

  it('never saves up more than its capacity', () => {
    const bucket = new TokenBucket(2, 1000, 0);
    expect([1, 2, 3].map(() => bucket.take(60_000))).toEqual([true, true, false]);
  });
});
