import { LANGUAGE_TAG, LOCALES, OG_LOCALE, pagePath, type Locale } from '../shared/locale';
import { serializeForScript } from '../shared/safe-json';
import { ENDPOINTS } from '../shared/endpoints';
import { escapeHtml } from './html';

export interface DocumentHead {
  locale: Locale;
  title: string;
  description: string;
  /** Slug of the page in every locale, for canonical and hreflang links; null for pages no one should index. */
  slug: string | null;
  publicOrigin: string;
  styles: string[];
  scripts: string[];
  /** Structured data for search engines; serialised safely. */
  jsonLd: object | null;
  nonce: string;
}

/** Every `<head>` tag of a document: title, meta, canonical, hreflang, Open Graph, JSON-LD, assets. */
export function headTags(head: DocumentHead): string {
  const tags = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(head.title)}</title>`,
    `<meta name="description" content="${escapeHtml(head.description)}">`,
    '<meta name="color-scheme" content="light dark">',
    `<link rel="icon" href="${ENDPOINTS.favicon}" type="image/svg+xml">`,
  ];
  if (head.slug === null) {
    tags.push('<meta name="robots" content="noindex">');
  } else {
    const url = (locale: Locale) => head.publicOrigin + pagePath(locale, head.slug as string);
    tags.push(`<link rel="canonical" href="${escapeHtml(url(head.locale))}">`);
    for (const locale of LOCALES) {
      tags.push(`<link rel="alternate" hreflang="${LANGUAGE_TAG[locale]}" href="${escapeHtml(url(locale))}">`);
    }
    tags.push(`<link rel="alternate" hreflang="x-default" href="${escapeHtml(url(LOCALES[0]))}">`);
    tags.push(
      '<meta property="og:type" content="article">',
      `<meta property="og:title" content="${escapeHtml(head.title)}">`,
      `<meta property="og:description" content="${escapeHtml(head.description)}">`,
      `<meta property="og:url" content="${escapeHtml(url(head.locale))}">`,
      '<meta property="og:site_name" content="Wirebook">',
      `<meta property="og:locale" content="${OG_LOCALE[head.locale]}">`,
      ...LOCALES.filter((l) => l !== head.locale).map(
        (l) => `<meta property="og:locale:alternate" content="${OG_LOCALE[l]}">`,
      ),
    );
  }
  for (const href of head.styles) tags.push(`<link rel="stylesheet" href="${escapeHtml(href)}">`);
  for (const src of head.scripts) tags.push(`<script defer src="${escapeHtml(src)}" nonce="${head.nonce}"></script>`);
  if (head.jsonLd) tags.push(`<script type="application/ld+json">${serializeForScript(head.jsonLd)}</script>`);
  return tags.join('\n');
}

/** The document up to the point where the page's own markup starts. */
export function documentStart(head: DocumentHead): string {
  return `<!DOCTYPE html>\n<html lang="${LANGUAGE_TAG[head.locale]}">\n<head>\n${headTags(head)}\n</head>\n<body>\n`;
}
