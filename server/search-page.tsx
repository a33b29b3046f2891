import fs from 'node:fs';
import express from 'express';
import type { ReactNode } from 'react';
import MiniSearch from 'minisearch';
import { SEARCH_SLUG } from '../shared/components/Layout';
import { LOCALES, pagePath, type Locale } from '../shared/locale';
import { search } from '../shared/search/search';
import { SearchResults } from '../shared/search/SearchResults';
import { SEARCH_STRINGS } from '../shared/search/strings';
import { INDEX_OPTIONS, MAX_QUERY_LENGTH, type SearchDocument } from '../shared/search/tokenize';
import type { ClientBuild } from './client-build';
import { pageRoute } from './locals';
import { getOnly } from './plain-text';
import type { Site } from './site';
import { staticDocument } from './status-pages';

const RESULTS_SHOWN = 30;

/** A locale's index, read from the build on first use and kept: the same file the browser fetches. */
function indexLoader(build: ClientBuild): (locale: Locale) => MiniSearch<SearchDocument> {
  const loaded = new Map<Locale, MiniSearch<SearchDocument>>();
  return (locale) => {
    let index = loaded.get(locale);
    if (!index) {
      const url = build.searchIndex(locale);
      const file = url === null ? undefined : build.files.get(url);
      if (!file) throw new Error(`the client build has no search index for ${locale}: run "npm run build"`);
      index = MiniSearch.loadJSON<SearchDocument>(fs.readFileSync(file.file, 'utf8'), INDEX_OPTIONS);
      loaded.set(locale, index);
    }
    return index;
  };
}

/**
 * The search results page, `/search?q=` and `/en/search?q=`: where the header's search form goes
 * without JavaScript. The same index and query as the search box in the browser. Never indexed by
 * search engines (it is a page of links to pages they already have).
 */
export function searchPage({ site, build }: { site: Site; build: ClientBuild }): express.Router {
  const indexOf = indexLoader(build);
  const router = express.Router();
  for (const locale of LOCALES) {
    const path = pagePath(locale, SEARCH_SLUG);
    const route = pageRoute(locale, SEARCH_SLUG);
    router.all(path, (_req, res, next) => {
      res.locals.route = route;
      next();
    });
    router.all(path, getOnly(route));
    router.get(path, (req, res) => {
      const text = SEARCH_STRINGS[locale];
      const q = req.query.q;
      const nonce = res.locals.nonce as string;
      const page = (status: number, query: string, body: ReactNode) =>
        res
          .status(status)
          .type('html')
          .set('Cache-Control', 'no-cache')
          .send(staticDocument({ site, build, locale, nonce }, text.title, body, { query }));
      if (q !== undefined && typeof q !== 'string') return page(400, '', <p>{text.empty}</p>);
      const query = (q ?? '').trim();
      if (query.length > MAX_QUERY_LENGTH)
        return page(400, '', <p data-testid="search-refused">{text.tooLong(MAX_QUERY_LENGTH)}</p>);
      if (query === '') return page(200, '', <p>{text.empty}</p>);
      const hits = search(indexOf(locale), query, RESULTS_SHOWN);
      return page(200, query, <SearchResults locale={locale} query={query} hits={hits} />);
    });
  }
  return router;
}
