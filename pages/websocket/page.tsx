import { EchoLabPanel } from '../../shared/components/websocket/EchoLabPanel';
import { FeedFrames } from '../../shared/components/websocket/FeedFrames';
import { YourHandshake } from '../../shared/components/websocket/YourHandshake';
import { definePage } from '../../shared/page';

export default definePage({
  order: 40,
  inNav: true,
  channels: ['feed', 'readers'],
  widgets: {
    'your-handshake': ({ locale }) => <YourHandshake locale={locale} />,
    'frame-inspector': ({ locale }) => <FeedFrames locale={locale} />,
    'echo-lab': ({ locale }) => <EchoLabPanel locale={locale} />,
  },
});
