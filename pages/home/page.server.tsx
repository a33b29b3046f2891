import { LessonPath } from './LessonPath';
import { definePage } from '../../shared/page';

export default definePage({
  order: 0,
  inNav: false,
  widgets: {
    'lesson-path': ({ nav }) => <LessonPath entries={nav} />,
  },
});
