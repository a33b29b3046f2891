import { RedirectLab } from '../../shared/components/http-status/RedirectLab';
import { RedirectTable } from '../../shared/components/http-status/RedirectTable';
import { StatusIndex } from '../../shared/components/http-status/StatusIndex';
import { LiveWire } from '../../shared/components/LiveWire';
import { definePage, type NavEntry } from '../../shared/page';

export default definePage<{ codes: NavEntry[] }>({
  order: 30,
  inNav: true,
  channels: ['http', 'readers'],
  // The index lists every code page with the one-line meaning its own prose gives.
  load: ({ children }) => ({ codes: children }),
  widgets: {
    'status-index': ({ locale, data }) => <StatusIndex locale={locale} entries={data.codes} />,
    'redirect-table': ({ locale }) => <RedirectTable locale={locale} />,
    'redirect-lab': ({ locale }) => <RedirectLab locale={locale} />,
    'live-status': ({ locale }) => <LiveWire locale={locale} channels={['http']} />,
  },
});
