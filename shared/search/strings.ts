import type { Locale } from '../locale';
import type { SearchDocument } from './tokenize';

/** Text of the search box and the results page. */
export const SEARCH_STRINGS = {
  zh: {
    label: '搜索',
    placeholder: '搜索课程和状态码',
    shortcut: '按 / 键搜索',
    submit: '搜索',
    title: '搜索',
    resultsFor: (query: string) => `“${query}”的搜索结果`,
    count: (n: number) => (n === 0 ? '没有结果' : `${n} 个结果`),
    none: '没有找到。换个说法试试：可以输入状态码的数字（404）、英文名称（Not Found）或者平常的说法（找不到）。',
    empty: '输入要找的内容：课程里的概念、协议字段，或者状态码的数字和名称。',
    tooLong: (max: number) => `搜索词太长了，最多 ${max} 个字符。`,
    kind: { lesson: '课程', section: '小节', code: '状态码' } satisfies Record<SearchDocument['kind'], string>,
  },
  en: {
    label: 'Search',
    placeholder: 'Search lessons and status codes',
    shortcut: 'Press / to search',
    submit: 'Search',
    title: 'Search',
    resultsFor: (query: string) => `Results for “${query}”`,
    count: (n: number) => (n === 0 ? 'No results' : n === 1 ? '1 result' : `${n} results`),
    none: 'Nothing found. Try other words: a status code’s number (404), its name (Not Found), or what people call it (missing page).',
    empty:
      'Type what you are looking for: a concept from the lessons, a protocol field, or a status code’s number or name.',
    tooLong: (max: number) => `That query is too long: at most ${max} characters.`,
    kind: { lesson: 'lesson', section: 'section', code: 'status code' } satisfies Record<
      SearchDocument['kind'],
      string
    >,
  },
} satisfies Record<Locale, unknown>;
