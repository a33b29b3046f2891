import MiniSearch from 'minisearch';
import { LOCALES, type Locale } from '../shared/locale';
import { searchDocuments } from '../shared/search/documents';
import { search } from '../shared/search/search';
import { INDEX_OPTIONS, tokenize, type SearchDocument } from '../shared/search/tokenize';
import { PAGES_CODE_DIR, PAGES_DIR } from '../server/paths';
import { loadSite } from '../server/site';

const site = loadSite({ pagesDir: PAGES_DIR, pagesCodeDir: PAGES_CODE_DIR });
/** Each locale's index as the build makes it, written out and read back as the browser and the server read it. */
const indexes = Object.fromEntries(
  LOCALES.map((locale) => {
    const index = new MiniSearch<SearchDocument>(INDEX_OPTIONS);
    index.addAll(
      searchDocuments(
        site.all.map((page) => ({ slug: page.slug, key: page.key, lesson: page.lessons[locale] })),
        locale,
      ),
    );
    return [locale, MiniSearch.loadJSON<SearchDocument>(JSON.stringify(index), INDEX_OPTIONS)];
  }),
) as Record<Locale, MiniSearch<SearchDocument>>;
const hrefs = (locale: Locale, query: string, limit = 5) =>
  search(indexes[locale], query, limit).map((hit) => hit.href);

describe('search', () => {
  it('cuts Latin text into words and Chinese into overlapping pairs of characters', () => {
    expect(tokenize('找不到 HTTP/2 的 TIME_WAIT')).toEqual(['找不', '不到', 'HTTP', '2', '的', 'TIME_WAIT']);
  });

  it.each([
    ['zh', '找不到', '/http-status/404'],
    ['zh', '限流', '/http-status/429'],
    ['zh', '404', '/http-status/404'],
    ['zh', '网关超时', '/http-status/504'],
    ['zh', '断点续传', '/http-status/206'],
    ['en', 'rate limit', '/en/http-status/429'],
    ['en', 'not found', '/en/http-status/404'],
    ['en', 'teapot', '/en/http-status/418'],
    ['en', 'permission denied', '/en/http-status/403'],
    ['en', 'payload too large', '/en/http-status/413'],
  ] as const)('finds a status code by what people call it (%s: %s → %s)', (locale, query, href) => {
    expect(hrefs(locale, query)[0]).toBe(href);
  });

  it.each([
    ['en', 'TIME_WAIT', '/en/tcp-teardown'],
    ['en', 'hpack huffman', '/en/http2'],
    ['en', 'Sec-WebSocket-Accept', '/en/websocket'],
    ['zh', '三次握手', '/tcp-handshake'],
    ['zh', '多路复用', '/http2'],
  ] as const)('finds lessons and their sections (%s: %s in %s)', (locale, query, page) => {
    const found = hrefs(locale, query);
    expect(found.length).toBeGreaterThan(0);
    expect(found.slice(0, 3).some((href) => href === page || href.startsWith(`${page}#`))).toBe(true);
  });

  it('finds what matches most words when nothing matches them all, and nothing for nonsense', () => {
    expect(hrefs('zh', '找不到页面')[0]).toBe('/http-status/404');
    expect(hrefs('en', 'qqqzzzxxx')).toEqual([]);
  });

  it('links a section hit to its section, in the reader’s locale', () => {
    const [hit] = search(indexes.en, 'simultaneous close', 1);
    expect(hit).toMatchObject({ kind: 'section', href: '/en/tcp-teardown#simultaneous-close' });
  });
});
