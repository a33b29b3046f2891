import type { Locale } from '../locale';
import { SEARCH_STRINGS } from './strings';
import type { SearchHit } from './tokenize';

/** The results page's list: each hit's title, what kind of page it is, where it sits, and its first words. */
export function SearchResults({ locale, query, hits }: { locale: Locale; query: string; hits: SearchHit[] }) {
  const text = SEARCH_STRINGS[locale];
  return (
    <section aria-labelledby="search-results-heading" data-testid="search-results">
      <h2 id="search-results-heading">{text.resultsFor(query)}</h2>
      <p role="status">{text.count(hits.length)}</p>
      {hits.length === 0 ? (
        <p>{text.none}</p>
      ) : (
        <ol className="search-results">
          {hits.map((hit) => (
            <li key={hit.id} data-kind={hit.kind}>
              <a href={hit.href}>{hit.title}</a>
              <span className="search-results__where">
                {text.kind[hit.kind]}
                {hit.page && ` · ${hit.page}`}
              </span>
              <p>{hit.excerpt}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
