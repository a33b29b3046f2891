import { definePage } from '../../shared/page';

export default definePage({
  order: 40,
  inNav: true,
  channels: ['feed', 'readers'],
});
