import { definePage } from '../../shared/page';
import { FrameHeaderMap, HpackExampleMap, PrefaceLadder } from './figures';
import type { Http2PageData } from './types';

export default definePage<Http2PageData>({
  order: 35,
  inNav: true,
  channels: ['h2', 'http', 'readers'],
  load: ({ labs, assets }) => ({ labs, assets: assets.map((asset) => asset.url) }),
  widgets: {
    'preface-ladder': PrefaceLadder,
    'frame-header': FrameHeaderMap,
    'hpack-example': HpackExampleMap,
  },
});
