import { LiveWire } from '../../shared/components/LiveWire';
import { defineIslands, hydrated, live } from '../../shared/page';
import { RedirectLab } from './RedirectLab';
import { StatusIndex } from './StatusIndex';
import type { StatusIndexData } from './types';

export default defineIslands<StatusIndexData>({
  'status-index': hydrated(({ locale, data }) => <StatusIndex locale={locale} entries={data.codes} />),
  'redirect-lab': hydrated(({ locale }) => <RedirectLab locale={locale} />),
  'live-status': live(({ locale }) => <LiveWire locale={locale} channels={['http']} />),
});
