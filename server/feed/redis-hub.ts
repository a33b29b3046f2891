import { CHANNELS, type Channel, type ChannelData, type FeedEvent, type WireStatus } from '../../shared/feed/protocol';
import type { Logger } from '../logger';
import type { RedisClient } from '../redis';
import { newWireId } from './connections';
import { LogHub, type FeedHub, type WireChange } from './hub';

// One id counter for the whole feed, one stream per channel, entries with explicit ids `0-<n>`:
// INCR and XADD run together in one script, so ids are unique, gapless and in stream order across
// every instance, and the protocol keeps its plain numeric ids.
const PUBLISH = `
local id = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[1], '0-' .. id, 'd', ARGV[2], 't', ARGV[3])
return id`;

// Each instance's reader counts live under a key of its own that expires unless refreshed, so an
// instance that dies stops counting by itself; the sum is published only when it changes.
const READERS = `
if ARGV[3] == '{}' then
  redis.call('DEL', KEYS[4])
  redis.call('SREM', KEYS[3], ARGV[2])
else
  redis.call('SET', KEYS[4], ARGV[3], 'PX', ARGV[4])
  redis.call('SADD', KEYS[3], ARGV[2])
end
local total = {}
for _, instance in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  local counts = redis.call('GET', ARGV[6] .. instance)
  if counts then
    for page, n in pairs(cjson.decode(counts)) do total[page] = (total[page] or 0) + n end
  else
    redis.call('SREM', KEYS[3], instance)
  end
end
local pages = {}
for page in pairs(total) do table.insert(pages, page) end
table.sort(pages)
local parts = {}
for _, page in ipairs(pages) do table.insert(parts, cjson.encode(page) .. ':' .. string.format('%d', total[page])) end
local encoded = '{"counts":{' .. table.concat(parts, ',') .. '}}'
if redis.call('GET', KEYS[5]) == encoded then return 0 end
redis.call('SET', KEYS[5], encoded)
local id = redis.call('INCR', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[1], '0-' .. id, 'd', encoded, 't', ARGV[5])
return id`;

/** The stream of markers an instance leaves where events it could not publish are missing. */
const LOST = 'lost';
type Source = Channel | typeof LOST;
const SOURCES: readonly Source[] = [...CHANNELS, LOST];

export interface RedisHubOptions {
  /** For commands: publishing, reader counts, the initial load. */
  client: RedisClient;
  /** For the blocking reads of the streams: a connection of its own. */
  reader: RedisClient;
  logger: Logger;
  /** Keys start with this; one Redis can serve several sites. */
  prefix?: string;
  /** Events kept per channel, here and (at least as many) in each stream. */
  bufferSize?: number;
  /** An instance's reader counts expire this long after its last refresh (it refreshes every third of it). */
  readersTtlMs?: number;
  /** Publishes waiting for Redis beyond this many are dropped (and reported as lost), so a slow Redis cannot grow memory. */
  maxPending?: number;
  /** How long one blocking read waits for new entries. */
  blockMs?: number;
  /** A read that has not answered this long after its block ended means Redis is stalled: the wire says it is interrupted. */
  stallMs?: number;
  /** How long a resume from an id this instance has not reached yet waits for it. */
  catchUpMs?: number;
}

const streamId = (id: number) => `0-${id}`;
const idOf = (entryId: string) => Number(entryId.slice(entryId.indexOf('-') + 1));

interface Entry {
  id: number;
  channel: Source;
  data: string;
  time: number;
}

/** A stream entry as Redis replies with it. */
type StreamMessage = { id: string; message: Record<string, string> };

/** A stream entry as the mirror takes it; null for one without data. */
function entryOf(channel: Source, { id, message }: StreamMessage): Entry | null {
  return message.d === undefined ? null : { id: idOf(id), channel, data: message.d, time: Number(message.t) };
}

/**
 * The feed shared by every instance through Redis Streams. Publishing sends the event to Redis and
 * returns at once; a read loop mirrors the streams into a local FeedLog, in id order, and hands each
 * event to this instance's subscribers. Renders and resumes read the mirror: they never wait on
 * Redis, and when Redis is slow or gone the pages still render with what the mirror has.
 */
export class RedisHub extends LogHub implements FeedHub {
  private readonly client: RedisClient;
  private readonly reader: RedisClient;
  private readonly logger: Logger;
  private readonly prefix: string;
  private readonly instance = newWireId();
  private readonly readersTtlMs: number;
  private readonly maxPending: number;
  private readonly blockMs: number;
  private readonly stallMs: number;
  private readonly catchUpMs: number;
  private readonly watchers = new Set<(change: WireChange) => void>();
  private current: WireStatus = 'live';
  private pending = 0;
  /** Events this instance could not publish since it last left a marker. */
  private lost = 0;
  private readers: Record<string, number> = {};
  private readersTimer: NodeJS.Timeout | null = null;
  private readStartedAt: number | null = null;
  private stallTimer: NodeJS.Timeout | null = null;
  private loop: Promise<void> | null = null;
  private closed = false;

  constructor(options: RedisHubOptions) {
    super(options.bufferSize ?? 200);
    this.client = options.client;
    this.reader = options.reader;
    this.logger = options.logger;
    this.prefix = options.prefix ?? 'wirebook:';
    this.readersTtlMs = options.readersTtlMs ?? 15_000;
    this.maxPending = options.maxPending ?? 1000;
    this.blockMs = options.blockMs ?? 1000;
    this.stallMs = options.stallMs ?? 1500;
    this.catchUpMs = options.catchUpMs ?? 1000;
  }

  /** Loads the recent feed from Redis and starts mirroring it; fails if Redis does not answer. */
  async start(): Promise<void> {
    await this.load();
    this.loop = this.readLoop();
    this.stallTimer = setInterval(() => this.checkStall(), Math.max(50, Math.floor(this.stallMs / 3)));
    this.stallTimer.unref();
    this.readersTimer = setInterval(() => this.sendReaders(), Math.floor(this.readersTtlMs / 3));
    this.readersTimer.unref();
    this.sendReaders();
  }

  get status(): WireStatus {
    return this.current;
  }

  publish<C extends Channel>(channel: C, data: ChannelData[C]): void {
    this.send(PUBLISH, [this.key('feed:id'), this.stream(channel)], [JSON.stringify(data), String(Date.now())]);
  }

  setReaders(counts: Record<string, number>): void {
    this.readers = counts;
    this.sendReaders();
  }

  watch(listener: (change: WireChange) => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  catchUp(id: number): Promise<void> {
    return this.log.reached(id, this.catchUpMs);
  }

  /** Stops mirroring and takes this instance's readers out of the sum (best effort, bounded). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.readersTimer) clearInterval(this.readersTimer);
    if (this.stallTimer) clearInterval(this.stallTimer);
    this.readers = {};
    await Promise.race([this.readersScript().catch(() => undefined), sleep(500)]);
    this.reader.destroy();
    await this.loop;
  }

  private key(name: string): string {
    return `${this.prefix}${name}`;
  }

  private stream(channel: Source): string {
    return this.key(`feed:${channel}`);
  }

  private get maxLen(): string {
    return String(this.log.bufferSize);
  }

  /** Runs a write script without waiting for it; what cannot be sent is counted as lost. */
  private send(script: string, keys: string[], args: string[]): void {
    if (this.closed || this.pending >= this.maxPending || !this.client.isReady) {
      this.lost++;
      return;
    }
    this.pending++;
    this.client
      .eval(script, { keys, arguments: [this.maxLen, ...args] })
      .catch(() => this.lost++)
      .finally(() => {
        this.pending--;
        if (this.lost > 0 && this.pending === 0) this.leaveLostMarker();
      });
  }

  /** Marks, in the shared feed itself, that events of this instance are missing here. */
  private leaveLostMarker(): void {
    if (this.closed || !this.client.isReady) return;
    const count = this.lost;
    this.lost = 0;
    this.pending++;
    this.client
      .eval(PUBLISH, {
        keys: [this.key('feed:id'), this.stream(LOST)],
        arguments: [this.maxLen, JSON.stringify({ count }), String(Date.now())],
      })
      .then(
        () => this.logger.warn({ lost: count }, 'events could not be published to Redis; readers were told of the gap'),
        () => (this.lost += count),
      )
      .finally(() => this.pending--);
  }

  private sendReaders(): void {
    if (this.closed || !this.client.isReady) return;
    this.readersScript().catch(() => undefined); // the next refresh tries again
  }

  private readersScript(): Promise<unknown> {
    return this.client.eval(READERS, {
      keys: [
        this.key('feed:id'),
        this.stream('readers'),
        this.key('readers:instances'),
        this.key(`readers:${this.instance}`),
        this.key('readers:total'),
      ],
      arguments: [
        this.maxLen,
        this.instance,
        JSON.stringify(this.readers),
        String(this.readersTtlMs),
        String(Date.now()),
        this.key('readers:'),
      ],
    });
  }

  /**
   * Fills the mirror from the streams' newest entries, all read in one transaction so they agree.
   * Also run after every lost connection: a Redis that came back empty (restarted without its
   * data) restarts the ids, and the mirror starts again with it.
   */
  private async load(): Promise<void> {
    // After a lost connection, the counter alone says whether Redis kept the feed: if it did, the
    // read loop catches up from where it was, and the streams need not be read here.
    if (this.log.lastId > 0 && Number((await this.client.get(this.key('feed:id'))) ?? 0) >= this.log.lastId) return;
    const sources = SOURCES;
    const transaction = this.client.multi().get(this.key('feed:id'));
    for (const source of sources) transaction.xRevRange(this.stream(source), '+', '-', { COUNT: this.log.bufferSize });
    const [counter, ...streams] = (await transaction.exec()) as unknown as [string | null, ...StreamMessage[][]];
    const top = Number(counter ?? 0);
    const before = this.log.lastId;
    const restarted = top < before;
    if (this.log.lastId > 0 && !restarted) return; // the read loop catches up from where it was
    this.log.reset();
    const entries: Entry[] = [];
    sources.forEach((source, i) => {
      const newest = streams[i] ?? [];
      for (const message of newest) {
        const entry = entryOf(source, message);
        if (entry) entries.push(entry);
      }
      // A full page may have had older entries before it: a resume from before them has a gap.
      const oldest = newest.at(-1);
      if (source !== LOST && oldest && newest.length === this.log.bufferSize)
        this.log.unknownBefore(source, idOf(oldest.id));
    });
    entries.sort((a, b) => a.id - b.id);
    for (const entry of entries) this.take(entry, true);
    if (restarted) this.emit({ type: 'gap', since: before });
  }

  private async readLoop(): Promise<void> {
    let failures = 0;
    let resync = false;
    while (!this.closed) {
      try {
        if (resync) {
          await this.load();
          resync = false;
        }
        this.readStartedAt = Date.now();
        const from = streamId(this.log.lastId);
        const reply = await this.reader.xRead(
          SOURCES.map((source) => ({ key: this.stream(source), id: from })),
          { BLOCK: this.blockMs },
        );
        this.readStartedAt = null;
        failures = 0;
        this.setStatus('live');
        if (reply) this.takeBatch(reply as unknown as { name: string; messages: StreamMessage[] }[]);
      } catch (error) {
        this.readStartedAt = null;
        if (this.closed) break;
        if (failures++ === 0) this.logger.debug({ err: error }, 'reading the feed from Redis failed');
        this.setStatus('interrupted');
        resync = true;
        await sleep(Math.min(2000, 50 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  /** One read's entries from every stream, merged into id order; a hole in the ids is a gap. */
  private takeBatch(streams: { name: string; messages: StreamMessage[] }[]): void {
    const prefix = this.key('feed:');
    const entries: Entry[] = [];
    for (const { name, messages } of streams) {
      const channel = name.slice(prefix.length) as Entry['channel'];
      for (const message of messages) {
        const entry = entryOf(channel, message);
        if (entry) entries.push(entry);
      }
    }
    entries.sort((a, b) => a.id - b.id);
    let gapSince: number | null = null;
    for (const entry of entries) {
      if (entry.id <= this.log.lastId) continue;
      const last = this.log.lastId;
      // Trimmed from the streams before this instance read them.
      if (entry.id !== last + 1) this.log.markLost(entry.id);
      // After a gap, subscribers get a fresh snapshot that holds the rest of the batch.
      const lost = this.take(entry, gapSince !== null) || entry.id !== last + 1;
      if (lost) gapSince ??= last;
    }
    if (gapSince !== null) this.emit({ type: 'gap', since: gapSince });
  }

  /** Adds one entry to the mirror; returns whether it marks lost events. */
  private take(entry: Entry, quiet: boolean): boolean {
    if (entry.channel === LOST) {
      this.log.markLost(entry.id);
      return true;
    }
    const event = { id: entry.id, channel: entry.channel, time: entry.time, data: JSON.parse(entry.data) } as FeedEvent;
    this.log.append(event, quiet);
    return false;
  }

  private checkStall(): void {
    if (this.readStartedAt !== null && Date.now() - this.readStartedAt > this.blockMs + this.stallMs)
      this.setStatus('interrupted');
  }

  private setStatus(status: WireStatus): void {
    if (status === this.current) return;
    this.current = status;
    if (status === 'live' && this.lost > 0 && this.pending === 0) this.leaveLostMarker();
    this.logger.warn(
      { wire: status },
      status === 'interrupted' ? 'the shared feed is out of reach' : 'the shared feed is back',
    );
    this.emit({ type: 'status', status });
  }

  private emit(change: WireChange): void {
    for (const watcher of this.watchers) watcher(change);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
