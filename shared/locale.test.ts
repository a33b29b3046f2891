import { locatePath, pagePath } from './locale';

describe('pagePath(locale, slug)', () => {
  it('puts Chinese at the root and English under /en', () => {
    expect(pagePath('zh', '')).toBe('/');
    expect(pagePath('en', '')).toBe('/en');
    expect(pagePath('zh', 'http2')).toBe('/http2');
    expect(pagePath('en', 'http2')).toBe('/en/http2');
  });
});

describe('locatePath(pathname)', () => {
  it('reads the locale prefix and the slug', () => {
    expect(locatePath('/')).toEqual({ locale: 'zh', slug: '' });
    expect(locatePath('/architecture')).toEqual({ locale: 'zh', slug: 'architecture' });
    expect(locatePath('/en')).toEqual({ locale: 'en', slug: '' });
    expect(locatePath('/en/architecture')).toEqual({ locale: 'en', slug: 'architecture' });
  });

  it('refuses /zh/…, since Chinese lives at the root and one page has one address', () => {
    expect(locatePath('/zh/architecture')).toBeNull();
    expect(locatePath('/zh')).toBeNull();
  });

  it('keeps unknown prefixes in the slug, so they reach the not-found page', () => {
    expect(locatePath('/fr/architecture')).toEqual({ locale: 'zh', slug: 'fr/architecture' });
  });

  it('is the inverse of pagePath', () => {
    for (const locale of ['zh', 'en'] as const) {
      for (const slug of ['', 'tcp-handshake']) expect(locatePath(pagePath(locale, slug))).toEqual({ locale, slug });
    }
  });
});
