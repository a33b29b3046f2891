import { ConnectionTiming } from '../../shared/components/ConnectionTiming';
import { LiveWire } from '../../shared/components/LiveWire';
import { ReadersOnline } from '../../shared/components/ReadersOnline';
import { TopicList } from '../../shared/components/TopicList';
import { YourConnection } from '../../shared/components/YourConnection';
import { definePage } from '../../shared/page';

export default definePage({
  order: 0,
  inNav: false,
  widgets: {
    'topic-map': ({ nav }) => <TopicList entries={nav} />,
    'readers-online': ({ locale, nav }) => <ReadersOnline locale={locale} nav={nav} />,
    'your-connection': ({ locale }) => (
      <>
        <ConnectionTiming locale={locale} />
        <YourConnection locale={locale} />
      </>
    ),
    'live-wire': ({ locale }) => <LiveWire locale={locale} />,
  },
});
