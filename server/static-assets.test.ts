import { noneMatch } from './static-assets';

describe('noneMatch(ifNoneMatch, etag)', () => {
  const etag = '"vendor.abc.js-1f2e"';
  it.each([
    [undefined, false],
    ['"vendor.abc.js-1f2e"', true],
    ['W/"vendor.abc.js-1f2e"', true],
    ['"other", W/"vendor.abc.js-1f2e" , "x"', true],
    ['*', true],
    ['"vendor.abc.js-1f2e-br"', false],
    ['"other"', false],
  ])('%p → %p', (field, matches) => {
    expect(noneMatch(field, etag)).toBe(matches);
  });
});
