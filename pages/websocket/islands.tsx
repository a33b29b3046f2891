import { defineIslands, hydrated, live } from '../../shared/page';
import { EchoLabPanel } from './EchoLabPanel';
import { FeedFrames } from './FeedFrames';
import { YourHandshake } from './YourHandshake';

export default defineIslands({
  'your-handshake': live(({ locale }) => <YourHandshake locale={locale} />),
  'frame-inspector': live(({ locale }) => <FeedFrames locale={locale} />),
  'echo-lab': hydrated(({ locale }) => <EchoLabPanel locale={locale} />),
});
