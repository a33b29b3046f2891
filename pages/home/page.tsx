import { ConnectionTiming } from '../../shared/components/ConnectionTiming';
import { TopicList } from '../../shared/components/TopicList';
import { definePage } from '../../shared/page';

export default definePage({
  order: 0,
  inNav: false,
  widgets: {
    'topic-map': ({ nav }) => <TopicList entries={nav} />,
    'your-connection': ({ locale }) => <ConnectionTiming locale={locale} />,
  },
});
