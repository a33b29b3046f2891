/** The site's locales. Chinese is served at the root, every other locale under `/<locale>/`. */
export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh';

/** BCP 47 tags for `<html lang>` and `hreflang`. */
export const LANGUAGE_TAG: Record<Locale, string> = { zh: 'zh-CN', en: 'en' };

/** Open Graph locale names. */
export const OG_LOCALE: Record<Locale, string> = { zh: 'zh_CN', en: 'en_US' };

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * The path of a page in a locale. `slug` is the page's route name; the home page's is ''.
 * pagePath('zh', '') === '/', pagePath('en', '') === '/en', pagePath('en', 'http2') === '/en/http2'.
 */
export function pagePath(locale: Locale, slug: string): string {
  const prefix = locale === DEFAULT_LOCALE ? '' : `/${locale}`;
  if (slug === '') return prefix || '/';
  return `${prefix}/${slug}`;
}

/** The same page in every other locale, for the language switch. */
export function alternatesOf(locale: Locale, slug: string): { locale: Locale; href: string }[] {
  return LOCALES.filter((other) => other !== locale).map((other) => ({ locale: other, href: pagePath(other, slug) }));
}

export interface LocatedPath {
  locale: Locale;
  /** Route name of the page, '' for home; may name a page that does not exist. */
  slug: string;
}

/**
 * Splits a decoded, slash-normalised path into locale and page slug. A first segment that is not a
 * locale is a Chinese page; `/zh/...` is not an address (Chinese lives at the root) and yields null.
 */
export function locatePath(pathname: string): LocatedPath | null {
  const segments = pathname.split('/').filter(Boolean);
  let locale: Locale = DEFAULT_LOCALE;
  const [first] = segments;
  if (first !== undefined && isLocale(first)) {
    if (first === DEFAULT_LOCALE) return null;
    locale = segments.shift() as Locale;
  }
  return { locale, slug: segments.join('/') };
}
