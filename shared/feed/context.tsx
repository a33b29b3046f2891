import { createContext, useContext, useMemo, useSyncExternalStore } from 'react';
import type { Channel } from './protocol';
import type { FeedStore, FeedView } from './store';

/**
 * The page's one feed, shared by every live island (each its own React root). Null in a part
 * rendered once for every reader: such a part may not read the live wire.
 */
export const FeedContext = createContext<FeedStore | null>(null);

function storeOf(context: FeedStore | null, hook: string): FeedStore {
  if (!context) throw new Error(`${hook} reads the live wire: only a live() or personal() island may`);
  return context;
}

/** The page's feed itself, for components that act on it (the frame inspector asks for frames). */
export function useFeedStore(): FeedStore {
  return storeOf(useContext(FeedContext), 'useFeedStore');
}

/**
 * The live wire as this page sees it now, its events narrowed to `channels` when given; during SSR
 * and hydration, the state the server rendered.
 */
export function useLiveWire(channels?: readonly Channel[]): FeedView {
  const store = storeOf(useContext(FeedContext), 'useLiveWire');
  const view = useSyncExternalStore(store.subscribe, store.getView, store.serverView);
  const key = channels?.join(',');
  return useMemo(() => {
    if (!channels) return view;
    return { ...view, events: view.events.filter((event) => channels.includes(event.channel)) };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- channels compared by value through key
  }, [view, key]);
}
