import { LiveWire } from '../../../shared/components/LiveWire';
import { CODE_PAGE_WIDGETS } from '../../../shared/http-status/widgets';
import { statusCode, type StatusCode } from '../../../shared/http-status/registry';
import { defineIslands, hydrated, live } from '../../../shared/page';
import { SendIt } from './SendIt';
import type { CodePageData } from './types';

export default defineIslands<CodePageData>({
  [CODE_PAGE_WIDGETS.lab]: hydrated(({ locale, data }) => (
    <SendIt locale={locale} entry={statusCode(data.code) as StatusCode} origin={data.origin} />
  )),
  [CODE_PAGE_WIDGETS.wire]: live(({ locale }) => <LiveWire locale={locale} channels={['http']} />),
});
