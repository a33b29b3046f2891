import { ConnectionTiming } from '../../shared/components/ConnectionTiming';
import { LiveWire } from '../../shared/components/LiveWire';
import { defineIslands, live, personal } from '../../shared/page';
import { ReadersOnline } from './ReadersOnline';
import { YourConnection } from './YourConnection';
import type { HomeData } from './types';
import { YourProof } from './YourProof';

export default defineIslands<HomeData>({
  'your-proof': personal(({ locale }) => <YourProof locale={locale} />),
  'readers-online': live(({ locale, data }) => <ReadersOnline locale={locale} lessons={data.lessons} />),
  'your-connection': personal(({ locale }) => (
    <>
      <ConnectionTiming locale={locale} />
      <YourConnection locale={locale} />
    </>
  )),
  'live-wire': live(({ locale }) => <LiveWire locale={locale} />),
});
