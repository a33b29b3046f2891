import { definePage } from '../../shared/page';

export default definePage({
  order: 50,
  inNav: true,
  channels: ['http', 'readers'],
});
