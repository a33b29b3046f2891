import { TopicList } from '../../shared/components/TopicList';
import { definePage } from '../../shared/page';

export default definePage({
  order: 0,
  inNav: false,
  widgets: {
    'topic-map': ({ nav }) => <TopicList entries={nav} />,
  },
});
