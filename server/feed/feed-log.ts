import type { Channel, FeedEvent } from '../../shared/feed/protocol';
import { RingBuffer } from './ring-buffer';

export type Replay = { gap: false; events: FeedEvent[] } | { gap: true };

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

/**
 * The recent feed in memory: a ring buffer per channel, the last id, and where events are known to
 * be missing. The memory hub writes it directly; the Redis hub fills it from the shared streams, so
 * a page render and a resume read memory and never wait on the network.
 */
export class FeedLog {
  private last = 0;
  /** A resume from before this id has a gap: events were lost just before it (Redis trimmed them, or an instance could not publish). */
  private lostBefore = 0;
  private readonly logs = new Map<Channel, ChannelLog>();
  private readonly listeners = new Set<(event: FeedEvent) => void>();
  /** The last snapshot per channel list and limit, good while no event has arrived since. */
  private readonly snapshots = new Map<string, { events: FeedEvent[]; lastId: number }>();
  private waiters: { id: number; resolve: () => void }[] = [];

  constructor(readonly bufferSize: number) {}

  get lastId(): number {
    return this.last;
  }

  /** Appends an event (ids must increase) and hands it to the listeners unless `quiet`. */
  append(event: FeedEvent, quiet = false): void {
    this.last = event.id;
    const log = this.log(event.channel);
    const evicted = log.buffer.push(event);
    if (evicted) log.evictedUpTo = evicted.id;
    if (!quiet) for (const listener of this.listeners) listener(event);
    this.wake();
  }

  /** Records that events were lost before `id` (the log's last id becomes at least `id`). */
  markLost(id: number): void {
    this.lostBefore = Math.max(this.lostBefore, id);
    this.last = Math.max(this.last, id);
    this.wake();
  }

  /** Forgets everything: the shared feed it mirrors started again from nothing. */
  reset(): void {
    this.logs.clear();
    this.snapshots.clear();
    this.last = 0;
    this.lostBefore = 0;
  }

  /** Marks a channel's events before `id` as unknown (the mirror loaded only the newest of them). */
  unknownBefore(channel: Channel, id: number): void {
    const log = this.log(channel);
    log.evictedUpTo = Math.max(log.evictedUpTo, id - 1);
  }

  replay(channels: readonly Channel[], since: number): Replay {
    // An id from the future means the client saw another feed (a restart, or a reset Redis).
    if (since > this.last || since < this.lostBefore) return { gap: true };
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
    if (known?.lastId === this.last) return known;
    const snapshot = {
      events: newestOf(
        channels.map((channel) => this.log(channel).buffer),
        limit,
      ),
      lastId: this.last,
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

  /** Resolves once the log has reached `id`, or after `timeoutMs`, whichever is first. */
  reached(id: number, timeoutMs: number): Promise<void> {
    if (this.last >= id) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = { id, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      }, timeoutMs);
      timer.unref();
      this.waiters.push(waiter);
    });
  }

  private wake(): void {
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.id <= this.last);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.id > this.last);
    for (const waiter of ready) waiter.resolve();
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
