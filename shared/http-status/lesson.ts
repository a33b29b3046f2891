import { LessonFormatError, type Lesson, type LessonParts } from '../lesson';
import type { Locale } from '../locale';
import { statusCode } from './registry';
import { STATUS_STRINGS } from './strings';
import { CODE_PAGE_WIDGETS } from './widgets';

/**
 * A code page's lesson: the title from the registry (with the Chinese gloss the prose gives), the
 * prose's lead and sections, and the data-driven parts around them — facts first, then the lab
 * and the live wire, then related codes.
 */
export function codeLesson(key: string, locale: Locale, prose: LessonParts): Lesson {
  const entry = statusCode(Number(key));
  if (!entry) throw new LessonFormatError(`${key} is not in the status code registry`);
  const { description, gloss } = prose.front;
  if (typeof description !== 'string' || description.trim() === '')
    throw new LessonFormatError(`${key}.${locale}.md needs a "description"`);
  const text = STATUS_STRINGS[locale];
  const widget = (name: string) => ({ kind: 'widget' as const, name });
  return {
    meta: { title: text.pageTitle(entry, typeof gloss === 'string' ? gloss : null), navTitle: key, description },
    lead: prose.lead,
    sections: [
      { id: 'facts', heading: text.sections.facts, blocks: [widget(CODE_PAGE_WIDGETS.facts)] },
      ...prose.sections,
      {
        id: 'lab',
        heading: entry.lab.kind === 'explained' ? text.sections.labExplained : text.sections.lab,
        blocks: [widget(CODE_PAGE_WIDGETS.lab), widget(CODE_PAGE_WIDGETS.wire)],
      },
      { id: 'related', heading: text.sections.related, blocks: [widget(CODE_PAGE_WIDGETS.related)] },
    ],
  };
}
