import crypto from 'node:crypto';
import MiniSearch from 'minisearch';
import type { Compiler } from 'webpack';
import { LOCALES, type Locale } from '../shared/locale';
import { searchDocuments, type IndexedPage } from '../shared/search/documents';
import { INDEX_OPTIONS } from '../shared/search/tokenize';

/** `search-en.0123456789.json`: one index per locale, named by its content like every asset. */
export const SEARCH_INDEX_FILE = /^search-([a-z]+)\.[0-9a-f]{10}\.json$/;

export interface SearchIndexSource {
  /** Every page in a locale, its lesson parsed. */
  pages(locale: Locale): IndexedPage[];
  /** What the lessons are read from, so a watching build reindexes when one changes. */
  dir: string;
}

/** Builds the search index of each locale at build time and emits it as a hashed asset of its own. */
export class SearchIndexPlugin {
  constructor(private readonly source: () => SearchIndexSource) {}

  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('SearchIndexPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'SearchIndexPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const source = this.source();
          compilation.contextDependencies.add(source.dir);
          for (const locale of LOCALES) {
            const index = new MiniSearch(INDEX_OPTIONS);
            index.addAll(searchDocuments(source.pages(locale), locale));
            const json = JSON.stringify(index);
            const hash = crypto.createHash('sha256').update(json).digest('hex').slice(0, 10);
            compilation.emitAsset(`search-${locale}.${hash}.json`, new sources.RawSource(json));
          }
        },
      );
    });
  }
}
