import { useEffect, type ReactNode } from 'react';
import { FeedContext } from '../feed/context';
import type { FeedStore } from '../feed/store';

/**
 * The root of every island, the same in the server render and in the browser: the page's feed for
 * live islands (null for the rest), and a signal once the island's first commit is done.
 */
export function IslandRoot({
  store,
  onCommitted,
  children,
}: {
  store: FeedStore | null;
  onCommitted?: () => void;
  children: ReactNode;
}) {
  // Once, after the first commit: what the page's hydration time is measured to.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- only the first commit counts
  useEffect(() => onCommitted?.(), []);
  return <FeedContext.Provider value={store}>{children}</FeedContext.Provider>;
}
