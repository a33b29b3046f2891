import { definePage } from '../../shared/page';
import { FragmentsMap, MaskedFrameMap } from './figures';

export default definePage({
  order: 40,
  inNav: true,
  channels: ['feed', 'readers'],
  widgets: {
    'masked-frame': MaskedFrameMap,
    fragments: FragmentsMap,
  },
});
