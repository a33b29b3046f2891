import { canonicalPath, httpsLocation } from './redirects';

const ORIGIN = 'https://wirebook.example';

describe('httpsLocation(target, publicOrigin)', () => {
  it.each([
    ['/en/architecture?x=1', 'https://wirebook.example/en/architecture?x=1'],
    ['/', 'https://wirebook.example/'],
    [undefined, 'https://wirebook.example/'],
    ['//evil.example/x', 'https://wirebook.example/evil.example/x'],
    ['/\\evil.example/', 'https://wirebook.example/evil.example/'],
    ['//[', 'https://wirebook.example/['],
    ['http://evil.example/', 'https://wirebook.example/http://evil.example/'],
  ])('sends %p to %s', (target, location) => {
    expect(httpsLocation(target, ORIGIN)).toBe(location);
  });
});

describe('canonicalPath(path)', () => {
  it.each([
    ['/architecture/', '/architecture'],
    ['/en//architecture', '/en/architecture'],
    ['//evil.example/', '/evil.example'],
    ['/\\evil.example/', '/evil.example'],
    ['/en\\architecture', '/en/architecture'],
    ['///', '/'],
  ])('folds %p to %p', (path, canonical) => {
    expect(canonicalPath(path)).toBe(canonical);
  });

  it('leaves canonical paths alone', () => {
    for (const path of ['/', '/en', '/en/architecture', '/%5Cevil.example']) expect(canonicalPath(path)).toBeNull();
  });
});
