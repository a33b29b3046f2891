import { renderToString } from 'react-dom/server';
import { IslandRoot } from '../shared/components/IslandRoot';
import { LiveWire, WireEventHtml } from '../shared/components/LiveWire';
import type { FeedEvent } from '../shared/feed/protocol';
import { EMPTY_WIRE } from '../shared/feed/state';
import { FeedStore } from '../shared/feed/store';
import { LOCALES } from '../shared/locale';
import { wireEventHtml } from './wire-event-html';

const events: FeedEvent[] = [
  { id: 1, channel: 'tcp', time: 1_700_000_000_000, data: { kind: 'open', connection: 'a1b2c3' } },
  {
    id: 2,
    channel: 'http',
    time: 1_700_000_000_123,
    data: {
      connection: 'a1b2c3',
      streamId: 1,
      method: 'GET',
      route: '/en',
      status: 200,
      protocol: 'h2',
      bytes: 1234,
      ms: 1.5,
    },
  },
  {
    id: 3,
    channel: 'http',
    time: 1_700_000_001_000,
    data: {
      connection: 'ffeedd',
      streamId: null,
      method: 'POST',
      route: '/lab/redirect/:code',
      status: 303,
      protocol: 'http/1.1',
      bytes: 0,
      ms: 0.4,
    },
  },
] as FeedEvent[];

describe('wireEventHtml', () => {
  it.each(LOCALES)('renders the live wire (%s) exactly as React does without it, so hydration matches', (locale) => {
    const wire = { ...EMPTY_WIRE, channels: ['tcp', 'http'] as FeedEvent['channel'][], events, lastId: 3, mine: [2] };
    const island = () => (
      <IslandRoot store={new FeedStore(wire, '')}>
        <LiveWire locale={locale} />
      </IslandRoot>
    );
    const plain = renderToString(island());
    const cached = renderToString(<WireEventHtml.Provider value={wireEventHtml}>{island()}</WireEventHtml.Provider>);
    expect(cached).toBe(plain);
    // Twice: the second time from the cache.
    expect(renderToString(<WireEventHtml.Provider value={wireEventHtml}>{island()}</WireEventHtml.Provider>)).toBe(
      plain,
    );
    // The reader's own events are marked only once the page is live in their browser.
    expect(plain).not.toContain('live-wire__event--mine');
    // UTC to the millisecond, as the browser shows it once live: the server cannot know the reader's zone.
    expect(plain).toContain('<time dateTime="2023-11-14T22:13:20.123Z">22:13:20.123</time>');
  });
});
