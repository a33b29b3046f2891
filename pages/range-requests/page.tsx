import { LiveWire } from '../../shared/components/LiveWire';
import { RangePlayground } from '../../shared/components/range/RangePlayground';
import { SegmentedDownload } from '../../shared/components/range/SegmentedDownload';
import { definePage } from '../../shared/page';

export default definePage({
  order: 50,
  inNav: true,
  channels: ['http', 'readers'],
  widgets: {
    'range-playground': ({ locale }) => <RangePlayground locale={locale} />,
    'segmented-download': ({ locale }) => <SegmentedDownload locale={locale} />,
    'live-ranges': ({ locale }) => <LiveWire locale={locale} channels={['http']} />,
  },
});
