import { withSiteOrigin } from '../../shared/lesson';
import { LANGUAGE_TAG, LOCALES, pagePath } from '../../shared/locale';
import { EMBEDDED_STATE_ID } from '../../shared/page';
import { serializeForScript } from '../../shared/safe-json';
import { PAGES_CODE_DIR, PAGES_DIR } from '../../server/paths';
import { loadSite } from '../../server/site';
import { client, PROTOCOLS } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/test-server';

const site = loadSite({ pagesDir: PAGES_DIR, pagesCodeDir: PAGES_CODE_DIR });
const ORIGIN = 'https://wirebook.test';
const stripTags = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'");

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

// Every folder page over both protocols; every child page (each status code) over HTTP/2.
const cases = [
  ...PROTOCOLS.flatMap((protocol) =>
    site.pages.flatMap((page) =>
      LOCALES.map((locale) => [protocol, pagePath(locale, page.slug), page, locale] as const),
    ),
  ),
  ...site.all
    .filter((page) => page.key !== null)
    .flatMap((page) => LOCALES.map((locale) => ['h2' as const, pagePath(locale, page.slug), page, locale] as const)),
];

describe.each(cases)('%s GET %s', (protocol, path, page, locale) => {
  const lesson = page.lessons[locale];
  let html: string;
  let headers: Record<string, string>;
  beforeAll(async () => {
    const res = await client(server, protocol).get(path).expect(200);
    html = res.text;
    headers = res.headers;
  });

  it(`was served over ${protocol}`, () => {
    expect(server.logs).toContainEqual(expect.objectContaining({ method: 'GET', path, protocol, status: 200 }));
  });

  it('holds the whole lesson in the first response: title, every heading and every paragraph', () => {
    const text = stripTags(html);
    expect(html).toContain(`<h1 class="lesson__title">${lesson.meta.title.replace(/&/g, '&amp;')}</h1>`);
    for (const section of lesson.sections) expect(text).toContain(stripTags(section.heading));
    const prose = [...lesson.lead, ...lesson.sections.flatMap((s) => s.blocks)].flatMap((b) =>
      b.kind === 'html' ? [b.html] : [],
    );
    // Commands name the site's public origin, never a placeholder.
    for (const block of prose) expect(html).toContain(withSiteOrigin(block, ORIGIN));
    expect(html).not.toMatch(/\{\{(origin|host|port)\}\}/);
  });

  it('has lang, title, description, canonical, hreflang alternates and JSON-LD', () => {
    expect(html).toMatch(new RegExp(`<html lang="${LANGUAGE_TAG[locale]}">`));
    expect(html).toContain(`<meta name="description" content="`);
    expect(html).toContain(`<link rel="canonical" href="${ORIGIN}${path}">`);
    for (const other of LOCALES) {
      expect(html).toContain(
        `<link rel="alternate" hreflang="${LANGUAGE_TAG[other]}" href="${ORIGIN}${pagePath(other, page.slug)}">`,
      );
    }
    expect(html).toContain(`<link rel="alternate" hreflang="x-default" href="${ORIGIN}${pagePath('zh', page.slug)}">`);
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)?.[1] ?? 'null');
    expect(jsonLd).toMatchObject({ '@context': 'https://schema.org', url: `${ORIGIN}${path}`, inLanguage: locale });
  });

  it('embeds the state its islands render from, safely, and never the lesson', () => {
    const json = new RegExp(`<script type="application/json" id="${EMBEDDED_STATE_ID}">(.*?)</script>`).exec(html)?.[1];
    expect(json).toBeDefined();
    expect(json).not.toMatch(/[<>]/);
    const state = JSON.parse(json as string);
    expect(state).toMatchObject({
      locale,
      slug: page.slug,
      wire: expect.objectContaining({ lastId: expect.any(Number) }),
    });
    expect(Object.keys(state).sort()).toEqual(['data', 'fresh', 'locale', 'slug', 'wire']);
    // The prose is plain HTML: no part of it travels to the browser a second time.
    for (const block of lesson.sections.flatMap((section) => section.blocks))
      if (block.kind === 'html' && block.html.length > 80)
        expect(json).not.toContain(serializeForScript(block.html).slice(1, 80));
  });

  it('marks each island for hydration, with its index, and nothing else', () => {
    const marked = [...html.matchAll(/<div class="widget" data-widget="([a-z0-9-]+)"( data-island="(\d+)")?/g)];
    const widgets = [...lesson.lead, ...lesson.sections.flatMap((section) => section.blocks)].flatMap((block) =>
      block.kind === 'widget' ? [block.name] : [],
    );
    expect(marked.map((m) => m[1])).toEqual(widgets);
    marked.forEach((m, index) => {
      expect(m[3] === undefined ? null : Number(m[3])).toBe(page.islands[m[1] as string] ? index : null);
    });
  });

  it('loads its scripts with this response’s CSP nonce and links its styles', () => {
    const nonce = /script-src 'nonce-([^']+)'/.exec(String(headers['content-security-policy']))?.[1];
    expect(nonce).toBeTruthy();
    const scripts = [...html.matchAll(/<script defer src="([^"]+)" nonce="([^"]+)"><\/script>/g)];
    expect(scripts.map((m) => m[1])).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`/assets/${page.entry.replace(/\./g, '\\.')}\\.[0-9a-f]+\\.js`)),
      ]),
    );
    expect(scripts.every((m) => m[2] === nonce)).toBe(true);
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/base\.[0-9a-f]+\.css">/);
  });

  it('sends security headers, Server-Timing, and no-store since the page holds this reader’s view token', () => {
    expect(headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'private, no-store',
      'strict-transport-security': 'max-age=31536000',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
    });
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(headers['server-timing']).toMatch(/render;dur=\d+(\.\d+)?/);
  });

  it('shows where it stands: breadcrumbs, its lesson number, and its previous and next page', () => {
    const { trail, prev, next, number } = site.wayfinding(page, locale);
    for (const crumb of trail) expect(html).toMatch(new RegExp(`<nav class="breadcrumbs"[^]*?href="${crumb.href}"`));
    if (page.slug === '') expect(html).not.toContain('class="breadcrumbs"');
    if (prev) expect(html).toContain(`<a class="pager__prev" href="${prev.href}" rel="prev">`);
    if (next) expect(html).toContain(`<a class="pager__next" href="${next.href}" rel="next">`);
    expect(html.includes('rel="prev"')).toBe(prev !== null);
    if (number !== null) expect(html).toContain(`<p class="lesson__number">`);
    // A status code page also has its neighbours beside the breadcrumbs, as ← 403 405 →.
    if (page.key !== null) expect(html).toContain('<nav class="pager pager--compact"');
  });

  it('links each section heading to itself, and lists the sections in a contents list that folds', () => {
    for (const { id } of lesson.sections)
      expect(html).toContain(`<h2 id="${id}"><a class="heading-anchor" href="#${id}">`);
    if (lesson.sections.length >= 3) expect(html).toContain('<details class="lesson__contents">');
  });

  it('has a language switch to the same page in the other locale and the topic navigation', () => {
    const other = LOCALES.find((l) => l !== locale) as typeof locale;
    expect(html).toMatch(new RegExp(`<a class="site-lang" href="${pagePath(other, page.slug)}"`));
    for (const entry of site.nav(locale)) expect(html).toContain(`href="${entry.href}"`);
  });
});
