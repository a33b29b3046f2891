import { EarlyHints } from '../../shared/components/http2/EarlyHints';
import { HpackPlayground } from '../../shared/components/http2/HpackPlayground';
import { WaterfallLab } from '../../shared/components/http2/WaterfallLab';
import { YourSession } from '../../shared/components/http2/YourSession';
import { LiveWire } from '../../shared/components/LiveWire';
import { definePage, type LabSettings } from '../../shared/page';

interface Http2PageData {
  labs: LabSettings;
  /** This page's own scripts and styles: what its 103 Early Hints names. */
  assets: string[];
}

export default definePage<Http2PageData>({
  order: 35,
  inNav: true,
  channels: ['h2', 'http', 'readers'],
  load: ({ labs, assets }) => ({ labs, assets: assets.map((asset) => asset.url) }),
  widgets: {
    'your-session': ({ locale }) => <YourSession locale={locale} />,
    'waterfall-lab': ({ locale, data }) => <WaterfallLab locale={locale} labs={data.labs} />,
    // Stream opens and closes, RST_STREAM and GOAWAY from the h2 channel; each stream's DATA volume from http.
    'live-frames': ({ locale }) => <LiveWire locale={locale} channels={['h2', 'http']} />,
    'hpack-playground': ({ locale }) => <HpackPlayground locale={locale} />,
    'early-hints': ({ locale, data }) => <EarlyHints locale={locale} assets={data.assets} />,
  },
});
