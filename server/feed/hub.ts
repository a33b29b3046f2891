import type { Channel, ChannelData, FeedEvent } from '../../shared/feed/protocol';
import { RingBuffer } from './ring-buffer';

export type Replay = { gap: false; events: FeedEvent[] } | { gap: true };

/**
 * The feed's publish/subscribe hub. Taps publish; feed sockets subscribe. Behind this interface an
 * implementation that shares the feed between processes (through Redis) can replace the in-memory
 * one without the taps or the sockets changing.
 */
export interface FeedHub {
  publish<C extends Channel>(channel: C, data: ChannelData[C]): FeedEvent<C>;
  /** Every event of `channels` after `since`, oldest first; a gap when some have left the buffer. */
  replay(channels: readonly Channel[], since: number): Replay;
  /** The `limit` most recent events of `channels` together, oldest first, and the hub's last id. */
  snapshot(channels: readonly Channel[], limit?: number): { events: FeedEvent[]; lastId: number };
  /** Calls `listener` with every event published from now on; returns the unsubscribe function. */
  subscribe(listener: (event: FeedEvent) => void): () => void;
}

export interface MemoryHubOptions {
  /** Events kept per channel for resume and snapshots. */
  bufferSize?: number;
  now?: () => number;
}

interface ChannelLog {
  buffer: RingBuffer<FeedEvent>;
  /** Id of the newest event evicted from the buffer: a resume from before it has a gap. */
  evictedUpTo: number;
}

const byId = (a: FeedEvent, b: FeedEvent) => a.id - b.id;

/**
 * The newest `limit` events of several buffers together, oldest first: a merge from the newest
 * end of each (each buffer is in id order), so its work is `limit` steps, not a sort of them all.
 */
function newestOf(buffers: RingBuffer<FeedEvent>[], limit: number): FeedEvent[] {
  const back = buffers.map(() => 0);
  const out: FeedEvent[] = [];
  while (out.length < limit) {
    let pick = -1;
    let newest: FeedEvent | undefined;
    buffers.forEach((buffer, i) => {
      const event = buffer.fromNewest(back[i] as number);
      if (event && (!newest || event.id > newest.id)) {
        newest = event;
        pick = i;
      }
    });
    if (!newest) break;
    out.push(newest);
    back[pick] = (back[pick] as number) + 1;
  }
  return out.reverse();
}

/** The hub of one process: ids from a counter, a ring buffer per channel. */
export class MemoryHub implements FeedHub {
  private lastId = 0;
  private readonly logs = new Map<Channel, ChannelLog>();
  private readonly listeners = new Set<(event: FeedEvent) => void>();
  /** The last snapshot per channel set and limit, good while no event has been published since. */
  private readonly snapshots = new Map<string, { events: FeedEvent[]; lastId: number }>();
  private readonly bufferSize: number;
  private readonly now: () => number;

  constructor({ bufferSize = 200, now = Date.now }: MemoryHubOptions = {}) {
    this.bufferSize = bufferSize;
    this.now = now;
  }

  publish<C extends Channel>(channel: C, data: ChannelData[C]): FeedEvent<C> {
    const event: FeedEvent<C> = { id: ++this.lastId, channel, time: this.now(), data };
    // The compiler cannot see that an event of one channel C is an event of some channel.
    const stored = event as FeedEvent;
    const log = this.log(channel);
    const evicted = log.buffer.push(stored);
    if (evicted) log.evictedUpTo = evicted.id;
    for (const listener of this.listeners) listener(stored);
    return event;
  }

  replay(channels: readonly Channel[], since: number): Replay {
    // An id from the future means the client saw another hub (this process restarted).
    if (since > this.lastId) return { gap: true };
    const events: FeedEvent[] = [];
    for (const channel of channels) {
      const log = this.log(channel);
      if (log.evictedUpTo > since) return { gap: true };
      for (const event of log.buffer.last()) if (event.id > since) events.push(event);
    }
    return { gap: false, events: events.sort(byId) };
  }

  snapshot(channels: readonly Channel[], limit = this.bufferSize): { events: FeedEvent[]; lastId: number } {
    const key = `${limit}:${channels.join(',')}`;
    const known = this.snapshots.get(key);
    if (known?.lastId === this.lastId) return known;
    const snapshot = {
      events: newestOf(
        channels.map((channel) => this.log(channel).buffer),
        limit,
      ),
      lastId: this.lastId,
    };
    // Keys are channel lists and limits: a few in practice, never kept beyond 64.
    if (this.snapshots.size >= 64) this.snapshots.clear();
    this.snapshots.set(key, snapshot);
    return snapshot;
  }

  subscribe(listener: (event: FeedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private log(channel: Channel): ChannelLog {
    let log = this.logs.get(channel);
    if (!log) {
      log = { buffer: new RingBuffer(this.bufferSize), evictedUpTo: 0 };
      this.logs.set(channel, log);
    }
    return log;
  }
}
