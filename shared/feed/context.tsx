import { createContext, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Channel } from './protocol';
import type { WireState } from './state';
import { FeedStore, type FeedView } from './store';

const FeedContext = createContext<FeedStore | null>(null);

/** Gives the page's live components one shared feed, started once the page is live in a browser. */
export function FeedProvider({ wire, page, children }: { wire: WireState; page: string; children: ReactNode }) {
  const [store] = useState(() => new FeedStore(wire, page));
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  return <FeedContext.Provider value={store}>{children}</FeedContext.Provider>;
}

/** The page's feed itself, for components that act on it (the frame inspector asks for frames). */
export function useFeedStore(): FeedStore {
  const store = useContext(FeedContext);
  if (!store) throw new Error('useFeedStore needs a FeedProvider above it');
  return store;
}

/**
 * The live wire as this page sees it now, its events narrowed to `channels` when given; during SSR
 * and hydration, the state the server rendered.
 */
export function useLiveWire(channels?: readonly Channel[]): FeedView {
  const store = useContext(FeedContext);
  if (!store) throw new Error('useLiveWire needs a FeedProvider above it');
  const view = useSyncExternalStore(store.subscribe, store.getView, store.serverView);
  const key = channels?.join(',');
  return useMemo(() => {
    if (!channels) return view;
    return { ...view, events: view.events.filter((event) => channels.includes(event.channel)) };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- channels compared by value through key
  }, [view, key]);
}
