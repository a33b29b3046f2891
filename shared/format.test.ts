import { formatBytes, formatMs } from './format';

describe('formatBytes(bytes, locale)', () => {
  it.each([
    [512, 'en', '512 B'],
    [1234, 'en', '1.2 KB'],
    [226_900, 'en', '226.9 KB'],
    [12_345_678, 'zh', '12.3 MB'],
    [1_234_567, 'en', '1.2 MB'],
  ] as const)('%d bytes in %s is %s', (bytes, locale, text) => {
    expect(formatBytes(bytes, locale)).toBe(text);
  });
});

describe('formatMs(ms)', () => {
  it('keeps two decimals below 10 ms and one above', () => {
    expect(formatMs(1.234)).toBe('1.23 ms');
    expect(formatMs(61.44)).toBe('61.4 ms');
  });
});
