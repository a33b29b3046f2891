import { LiveWire } from '../../shared/components/LiveWire';
import { defineIslands, hydrated, live, personal } from '../../shared/page';
import { EarlyHints } from './EarlyHints';
import { HpackPlayground } from './HpackPlayground';
import type { Http2PageData } from './types';
import { WaterfallLab } from './WaterfallLab';
import { YourPriorities } from './YourPriorities';
import { YourSession } from './YourSession';

export default defineIslands<Http2PageData>({
  'your-session': personal(({ locale }) => <YourSession locale={locale} />),
  'waterfall-lab': hydrated(({ locale, data }) => <WaterfallLab locale={locale} labs={data.labs} />),
  // Stream opens and closes, RST_STREAM and GOAWAY from the h2 channel; each stream's DATA volume from http.
  'live-frames': live(({ locale }) => <LiveWire locale={locale} channels={['h2', 'http']} />),
  // Asks the server in the browser: the same shell for every reader, their own streams once it hydrates.
  'your-priorities': hydrated(({ locale }) => <YourPriorities locale={locale} />),
  'hpack-playground': hydrated(({ locale }) => <HpackPlayground locale={locale} />),
  'early-hints': hydrated(({ locale, data }) => <EarlyHints locale={locale} assets={data.assets} />),
});
