import { pacedBytesPerSecond, paceOf, SLOW_PACE, withPace } from './lab-pace';

describe('paceOf(value)', () => {
  it('reads absent as full speed and "slow" as slow', () => {
    expect(paceOf(undefined)).toBe('full');
    expect(paceOf('slow')).toBe('slow');
  });

  it.each([[''], ['SLOW'], ['fast'], [['slow', 'slow']], [{ slow: '' }]])('refuses %j', (value) => {
    expect(paceOf(value)).toBeNull();
  });
});

describe('pacedBytesPerSecond(length)', () => {
  it('sends a segment of the 16 MB file at the slow rate: 4 MiB in 16 s', () => {
    expect(pacedBytesPerSecond(4 << 20)).toBe(SLOW_PACE.bytesPerSecond);
    expect((4 << 20) / pacedBytesPerSecond(4 << 20)).toBe(16);
  });

  it('speeds up a body that would pass the longest pace: 256 MiB still ends within 20 s', () => {
    const rate = pacedBytesPerSecond(256 << 20);
    expect(rate).toBeGreaterThan(SLOW_PACE.bytesPerSecond);
    expect(((256 << 20) / rate) * 1000).toBeLessThanOrEqual(SLOW_PACE.maxMs);
  });
});

describe('withPace(path, pace)', () => {
  it('leaves a full-speed path alone and adds the parameter for slow', () => {
    expect(withPace('/lab/files/1mb.bin', 'full')).toBe('/lab/files/1mb.bin');
    expect(withPace('/lab/files/1mb.bin', 'slow')).toBe('/lab/files/1mb.bin?pace=slow');
    expect(withPace('/lab/tiles/3?run=ab', 'slow')).toBe('/lab/tiles/3?run=ab&pace=slow');
  });
});
