import type { Options, SearchOptions } from 'minisearch';

const RUN = /\p{Script=Han}+|[\p{L}\p{N}_]+/gu;
const HAN = /^\p{Script=Han}/u;

/**
 * Words for the index and for queries alike. Latin runs are words; Chinese, written without spaces,
 * is cut into overlapping pairs of characters (bigrams), the usual way to index it without a
 * dictionary: "找不到" is 找不 and 不到, found by any text that has both.
 */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const [run] of text.matchAll(RUN)) {
    if (!HAN.test(run) || run.length === 1) {
      terms.push(run);
      continue;
    }
    for (let i = 0; i + 1 < run.length; i++) terms.push(run.slice(i, i + 2));
  }
  return terms;
}

/** A search document: a lesson, one of its sections, or a status code page. */
export interface SearchDocument {
  id: string;
  href: string;
  kind: 'lesson' | 'section' | 'code';
  title: string;
  /** The page a section belongs to; empty for a page itself. */
  page: string;
  /** Other words for it: a status code's number, former names and everyday names in both languages. */
  keywords: string;
  text: string;
  /** The start of its text, shown under a hit. */
  excerpt: string;
}

/** What a hit carries to the list of results. */
export type SearchHit = Pick<SearchDocument, 'id' | 'href' | 'kind' | 'title' | 'page' | 'excerpt'>;

/** How the index is built at build time and read in the browser and the server: one definition for all three. */
export const INDEX_OPTIONS: Options<SearchDocument> = {
  fields: ['title', 'keywords', 'text'],
  storeFields: ['href', 'kind', 'title', 'page', 'excerpt'],
  tokenize,
  processTerm: (term) => term.toLowerCase(),
};

const latin = (term: string) => !HAN.test(term);

/** Every word must match (a prefix of a longer Latin word will do); titles and other names weigh most. */
export const QUERY_OPTIONS: SearchOptions = {
  combineWith: 'AND',
  prefix: (term) => latin(term) && term.length >= 2,
  fuzzy: (term) => (latin(term) && term.length >= 5 ? 0.2 : false),
  boost: { title: 4, keywords: 6 },
};

/** Queries longer than this are refused: nobody types one, and each term costs a walk of the index. */
export const MAX_QUERY_LENGTH = 200;
