import { LANGUAGE_TAG, LOCALES } from '../shared/locale';
import { escapeHtml } from './html';
import type { Site } from './site';

/** sitemap.xml: every page in every locale, each with its hreflang alternates. */
export function sitemapXml(site: Site, publicOrigin: string): string {
  const urls = LOCALES.flatMap((locale) =>
    site.entries(locale).map((entry) => {
      const alternates = LOCALES.map((other) => {
        const href = publicOrigin + (site.entries(other).find((e) => e.slug === entry.slug)?.href as string);
        return `    <xhtml:link rel="alternate" hreflang="${LANGUAGE_TAG[other]}" href="${escapeHtml(href)}"/>`;
      });
      return [`  <url>`, `    <loc>${escapeHtml(publicOrigin + entry.href)}</loc>`, ...alternates, `  </url>`].join(
        '\n',
      );
    }),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

export function robotsTxt(publicOrigin: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${publicOrigin}/sitemap.xml\n`;
}
