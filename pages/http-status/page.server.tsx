import { definePage } from '../../shared/page';
import { RedirectTable } from './RedirectTable';
import type { StatusIndexData } from './types';

export default definePage<StatusIndexData>({
  order: 30,
  inNav: true,
  channels: ['http', 'readers'],
  load: ({ children }) => ({ codes: children }),
  widgets: {
    'redirect-table': ({ locale }) => <RedirectTable locale={locale} />,
  },
});
