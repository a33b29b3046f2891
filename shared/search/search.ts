import type MiniSearch from 'minisearch';
import { QUERY_OPTIONS, type SearchDocument, type SearchHit } from './tokenize';

/**
 * The best hits for a query, the same in the browser and on the results page: every word must
 * match; when no page has them all (a Chinese phrase whose pairs of characters are not all indexed,
 * say), those with the most of them.
 */
export function search(index: MiniSearch<SearchDocument>, query: string, limit: number): SearchHit[] {
  let results = index.search(query, QUERY_OPTIONS);
  if (results.length === 0) results = index.search(query, { ...QUERY_OPTIONS, combineWith: 'OR' });
  return results.slice(0, limit).map((result) => ({
    id: String(result.id),
    href: result.href as string,
    kind: result.kind as SearchHit['kind'],
    title: result.title as string,
    page: result.page as string,
    excerpt: result.excerpt as string,
  }));
}
