import type { FeedView } from '../../shared/feed/store';
import type { FeedEvent } from '../../shared/feed/protocol';

/** The h2 streams this page's requests opened on the reader's own connection, the page's own first. */
export function yourStreams({ you, events, mine }: Pick<FeedView, 'you' | 'events' | 'mine'>): number[] {
  if (!you) return [];
  const opened = events
    .filter((e): e is FeedEvent<'h2'> => e.channel === 'h2' && mine.has(e.id))
    .flatMap((e) => (e.data.kind === 'stream-open' && e.data.connection === you.connection ? [e.data.streamId] : []));
  return [...new Set([...(you.pageStreamId === null ? [] : [you.pageStreamId]), ...opened])].sort((a, b) => a - b);
}
