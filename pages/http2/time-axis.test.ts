import { tickLabel, timeTicks } from './time-axis';

describe('timeTicks(spanMs)', () => {
  it.each([
    [420, [0, 100, 200, 300, 400]],
    [4300, [0, 1000, 2000, 3000, 4000]],
    [1000, [0, 200, 400, 600, 800, 1000]],
    [37, [0, 10, 20, 30]],
    [0.8, [0, 0.2, 0.4, 0.6, 0.8]],
  ])('picks a round step for a span of %p ms', (span, ticks) => {
    expect(timeTicks(span)).toEqual(ticks);
  });

  it('never gives more than the intervals asked for', () => {
    for (const span of [1, 7, 99, 101, 999, 12_345, 60_001]) expect(timeTicks(span).length - 1).toBeLessThanOrEqual(6);
  });

  it('answers an empty or unmeasured span with the origin alone', () => {
    expect(timeTicks(0)).toEqual([0]);
    expect(timeTicks(Number.NaN)).toEqual([0]);
  });
});

describe('tickLabel(ms)', () => {
  it('says milliseconds under a second and seconds from there', () => {
    expect([0, 200, 1000, 2500].map(tickLabel)).toEqual(['0 ms', '200 ms', '1 s', '2.5 s']);
  });
});
