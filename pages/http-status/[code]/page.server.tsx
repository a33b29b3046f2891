import { codeLesson } from '../../../shared/http-status/lesson';
import { nearestCodes, STATUS_CODES, statusCode, type StatusCode } from '../../../shared/http-status/registry';
import { CODE_PAGE_WIDGETS } from '../../../shared/http-status/widgets';
import { defineChildPages } from '../../../shared/page';
import { CodeFacts } from './CodeFacts';
import { RelatedCodes } from './RelatedCodes';
import type { CodePageData } from './types';

/** One page per registered status code, at /http-status/<code>. */
export default defineChildPages<CodePageData>({
  keys: STATUS_CODES.map((entry) => String(entry.code)),
  channels: ['http', 'readers'],
  load: ({ key, origin }) => ({ code: Number(key), origin }),
  lesson: codeLesson,
  suggest: (segment) => nearestCodes(segment).map((entry) => String(entry.code)),
  widgets: {
    [CODE_PAGE_WIDGETS.facts]: ({ locale, data }) => (
      <CodeFacts locale={locale} entry={statusCode(data.code) as StatusCode} />
    ),
    [CODE_PAGE_WIDGETS.related]: ({ locale, data }) => (
      <RelatedCodes locale={locale} codes={(statusCode(data.code) as StatusCode).related} />
    ),
  },
});
