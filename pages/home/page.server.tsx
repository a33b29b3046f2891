import { LessonPath } from './LessonPath';
import { definePage } from '../../shared/page';
import type { HomeData } from './types';

export default definePage<HomeData>({
  order: 0,
  inNav: false,
  load: ({ nav }) => ({ lessons: nav }),
  widgets: {
    'lesson-path': ({ data }) => <LessonPath entries={data.lessons} />,
  },
});
