import { CodeFacts } from '../../../shared/components/http-status/CodeFacts';
import { RelatedCodes } from '../../../shared/components/http-status/RelatedCodes';
import { SendIt } from '../../../shared/components/http-status/SendIt';
import { LiveWire } from '../../../shared/components/LiveWire';
import { codeLesson, CODE_PAGE_WIDGETS } from '../../../shared/http-status/lesson';
import { nearestCodes, STATUS_CODES, statusCode, type StatusCode } from '../../../shared/http-status/registry';
import { defineChildPages } from '../../../shared/page';

/** One page per registered status code, at /http-status/<code>. */
export default defineChildPages<{ code: number; origin: string }>({
  keys: STATUS_CODES.map((entry) => String(entry.code)),
  channels: ['http', 'readers'],
  load: ({ key, origin }) => ({ code: Number(key), origin }),
  lesson: codeLesson,
  suggest: (segment) => nearestCodes(segment).map((entry) => String(entry.code)),
  widgets: {
    [CODE_PAGE_WIDGETS.facts]: ({ locale, data }) => (
      <CodeFacts locale={locale} entry={statusCode(data.code) as StatusCode} />
    ),
    [CODE_PAGE_WIDGETS.lab]: ({ locale, data }) => (
      <SendIt locale={locale} entry={statusCode(data.code) as StatusCode} origin={data.origin} />
    ),
    [CODE_PAGE_WIDGETS.wire]: ({ locale }) => <LiveWire locale={locale} channels={['http']} />,
    [CODE_PAGE_WIDGETS.related]: ({ locale, data }) => (
      <RelatedCodes locale={locale} codes={(statusCode(data.code) as StatusCode).related} />
    ),
  },
});
