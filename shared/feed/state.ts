import type { Channel, FeedEvent, YourConnectionInfo } from './protocol';

/** The part of the wire every reader of a page sees alike at one moment. */
export interface SharedWire {
  /** Channels this page shows and subscribes to. */
  channels: Channel[];
  /** The hub's last id when the snapshot was taken: the client resumes after it. */
  lastId: number;
  /** Recent events, oldest first. */
  events: FeedEvent[];
  /** Readers with a page open, by page slug. */
  readers: Record<string, number>;
  /** The server could not reach the shared feed when it rendered the page. */
  interrupted: boolean;
}

/** The part only this reader's page carries. */
export interface ReaderWire {
  /** The page's view token; null when the page was not rendered for a connection. */
  token: string | null;
  /** Ids of the events among the snapshot's that are this reader's own. */
  mine: number[];
  you: YourConnectionInfo | null;
}

/** The live wire as the server rendered it into a page: the client carries on from here. */
export type WireState = SharedWire & ReaderWire;

export const NO_READER: ReaderWire = { token: null, mine: [], you: null };

export const EMPTY_WIRE: WireState = {
  channels: [],
  lastId: 0,
  events: [],
  readers: {},
  interrupted: false,
  ...NO_READER,
};
