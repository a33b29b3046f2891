import { definePage } from '../../shared/page';
import type { Http2PageData } from './types';

export default definePage<Http2PageData>({
  order: 35,
  inNav: true,
  channels: ['h2', 'http', 'readers'],
  load: ({ labs, assets }) => ({ labs, assets: assets.map((asset) => asset.url) }),
});
