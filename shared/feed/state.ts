import type { Channel, FeedEvent, YourConnectionInfo } from './protocol';

/** The live wire as the server rendered it into a page: the client carries on from here. */
export interface WireState {
  /** Channels this page shows and subscribes to. */
  channels: Channel[];
  /** The page's view token; null when the page was not rendered for a connection (fallbacks). */
  token: string | null;
  /** The hub's last id when the page was rendered: the client resumes after it. */
  lastId: number;
  /** Recent events, oldest first. */
  events: FeedEvent[];
  /** Ids of the events among them that are this reader's own. */
  mine: number[];
  you: YourConnectionInfo | null;
  /** Readers with a page open, by page slug. */
  readers: Record<string, number>;
  /** The server could not reach the shared feed when it rendered the page. */
  interrupted: boolean;
}

export const EMPTY_WIRE: WireState = {
  channels: [],
  token: null,
  lastId: 0,
  events: [],
  mine: [],
  you: null,
  readers: {},
  interrupted: false,
};
