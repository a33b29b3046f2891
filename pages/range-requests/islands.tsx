import { LiveWire } from '../../shared/components/LiveWire';
import { defineIslands, hydrated, live } from '../../shared/page';
import { RangePlayground } from './RangePlayground';
import { SegmentedDownload } from './SegmentedDownload';

export default defineIslands({
  'range-playground': hydrated(({ locale }) => <RangePlayground locale={locale} />),
  'segmented-download': hydrated(({ locale }) => <SegmentedDownload locale={locale} />),
  'live-ranges': live(({ locale }) => <LiveWire locale={locale} channels={['http']} />),
});
