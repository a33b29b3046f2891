import { STATUS_SYNONYMS } from '../http-status/synonyms';
import { statusCode } from '../http-status/registry';
import { SITE_PLACEHOLDERS, type Lesson, type LessonBlock } from '../lesson';
import { pagePath, type Locale } from '../locale';
import type { SearchDocument } from './tokenize';

/** A page as the index sees it: its route name, its lesson in one locale, and its key if it is a child page. */
export interface IndexedPage {
  slug: string;
  key: string | null;
  lesson: Lesson;
}

const EXCERPT_LENGTH = 140;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };

/** Lesson HTML as the words a reader sees. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_m, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

// The site's own origin in a command is filled in when a page is served; it is not a word to find.
const textOf = (blocks: LessonBlock[]) =>
  plainText(blocks.flatMap((block) => (block.kind === 'html' ? [block.html] : [])).join(' ')).replace(
    SITE_PLACEHOLDERS,
    '',
  );

const excerptOf = (text: string) => (text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text);

/** The other names of a status code: its number, former names, and everyday names in both languages. */
function codeKeywords(key: string): string {
  const entry = statusCode(Number(key));
  return [key, ...(entry?.aliases ?? []), ...(STATUS_SYNONYMS[Number(key)] ?? [])].join(' ');
}

/**
 * What the search index holds for one locale: each page, and each of a lesson's sections on its
 * own (so a hit can open the section); a status code page as one document with its other names.
 */
export function searchDocuments(pages: IndexedPage[], locale: Locale): SearchDocument[] {
  return pages.flatMap(({ slug, key, lesson }): SearchDocument[] => {
    const href = pagePath(locale, slug);
    const lead = textOf(lesson.lead);
    if (key !== null) {
      const text = [lead, ...lesson.sections.map((section) => textOf(section.blocks))].join(' ');
      return [
        {
          id: slug,
          href,
          kind: 'code',
          title: lesson.meta.title,
          page: '',
          keywords: codeKeywords(key),
          text: `${lesson.meta.description} ${text}`,
          excerpt: excerptOf(lesson.meta.description),
        },
      ];
    }
    const page: SearchDocument = {
      id: slug || '/',
      href,
      kind: 'lesson',
      title: lesson.meta.title,
      page: '',
      keywords: lesson.meta.navTitle,
      text: `${lesson.meta.description} ${lead}`,
      excerpt: excerptOf(lesson.meta.description),
    };
    return [
      page,
      ...lesson.sections.map((section): SearchDocument => {
        const text = textOf(section.blocks);
        return {
          id: `${slug}#${section.id}`,
          href: `${href}#${section.id}`,
          kind: 'section',
          title: plainText(section.heading),
          page: lesson.meta.navTitle,
          keywords: '',
          text,
          excerpt: excerptOf(text),
        };
      }),
    ];
  });
}
