import type { Channel, ChannelData, FeedEvent, WireStatus } from '../../shared/feed/protocol';
import { FeedLog, type Replay } from './feed-log';

export type { Replay } from './feed-log';

/** What happens to the feed as a whole, besides its events. */
export type WireChange =
  /** Events were lost (trimmed before this instance read them, or never published): subscribers need a fresh snapshot. */
  { type: 'gap'; since: number } | { type: 'status'; status: WireStatus };

/**
 * The feed's publish/subscribe hub. Taps publish; feed sockets subscribe. Reads (replay, snapshot)
 * are synchronous and come from memory, so a page render never waits on the network; publishing
 * returns at once and the event reaches subscribers when the hub has ordered it (at once in
 * memory, after a round trip through Redis when the feed is shared).
 */
export interface FeedHub {
  publish<C extends Channel>(channel: C, data: ChannelData[C]): void;
  /** This instance's readers per page; the hub publishes the count over every instance on `readers`. */
  setReaders(counts: Record<string, number>): void;
  /** Every event of `channels` after `since`, oldest first; a gap when some have left the buffer. */
  replay(channels: readonly Channel[], since: number): Replay;
  /** The `limit` most recent events of `channels` together, oldest first, and the hub's last id. */
  snapshot(channels: readonly Channel[], limit?: number): { events: FeedEvent[]; lastId: number };
  /** Calls `listener` with every event from now on, in id order; returns the unsubscribe function. */
  subscribe(listener: (event: FeedEvent) => void): () => void;
  /** Calls `listener` on gaps and state changes; returns the unsubscribe function. */
  watch(listener: (change: WireChange) => void): () => void;
  /** The newest id the hub has seen. */
  readonly lastId: number;
  /** Whether the hub reaches the feed it shares; the memory hub always does. */
  readonly status: WireStatus;
  /**
   * Resolves once the hub has seen the events up to `id` (one another instance has already
   * shown a reader), or after a bounded wait: a resume from such an id is then replayed, not gapped.
   */
  catchUp(id: number): Promise<void>;
  close(): Promise<void>;
}

export interface MemoryHubOptions {
  /** Events kept per channel for resume and snapshots. */
  bufferSize?: number;
  now?: () => number;
}

/**
 * What every hub answers from its FeedLog, in memory: the last id, replays, snapshots and the
 * events as they come. The hubs differ only in how events get into the log.
 */
export abstract class LogHub {
  protected readonly log: FeedLog;

  protected constructor(bufferSize: number) {
    this.log = new FeedLog(bufferSize);
  }

  get lastId(): number {
    return this.log.lastId;
  }

  replay(channels: readonly Channel[], since: number): Replay {
    return this.log.replay(channels, since);
  }

  snapshot(channels: readonly Channel[], limit?: number): { events: FeedEvent[]; lastId: number } {
    return this.log.snapshot(channels, limit);
  }

  subscribe(listener: (event: FeedEvent) => void): () => void {
    return this.log.subscribe(listener);
  }
}

/** The hub of one process: ids from a counter, a ring buffer per channel. */
export class MemoryHub extends LogHub implements FeedHub {
  readonly status: WireStatus = 'live';
  private readonly now: () => number;

  constructor({ bufferSize = 200, now = Date.now }: MemoryHubOptions = {}) {
    super(bufferSize);
    this.now = now;
  }

  publish<C extends Channel>(channel: C, data: ChannelData[C]): FeedEvent<C> {
    const event: FeedEvent<C> = { id: this.log.lastId + 1, channel, time: this.now(), data };
    // The compiler cannot see that an event of one channel C is an event of some channel.
    this.log.append(event as FeedEvent);
    return event;
  }

  setReaders(counts: Record<string, number>): void {
    this.publish('readers', { counts });
  }

  watch(): () => void {
    return () => undefined; // one process: nothing is ever lost or out of reach
  }

  /** Only this process issues ids: one it has not reached is from before a restart. */
  catchUp(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
