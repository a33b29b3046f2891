import { METHODS } from 'node:http';
import type { Channel, ChannelData, FeedEvent, WireStatus } from '../../shared/feed/protocol';
import type { FeedHub, Replay, WireChange } from './hub';

/** Every string in a published event (values and keys) is cut to this many characters. */
const MAX_EVENT_STRING = 64;

const KNOWN_METHODS: ReadonlySet<string> = new Set(METHODS);

/**
 * A request method as the wire shows it: one of the methods HTTP/1.1's parser knows (Node's
 * `http.METHODS`, the IANA registry's common part), else `OTHER`. Over h2 `:method` is any token a
 * client types, up to the header-list limit; it must never reach another reader.
 */
export function methodOnWire(method: string): string {
  return KNOWN_METHODS.has(method) ? method : 'OTHER';
}

function capString(text: string): string {
  return text.length <= MAX_EVENT_STRING ? text : `${text.slice(0, MAX_EVENT_STRING - 1)}…`;
}

/** Whether every string in `value` (values and keys) is within MAX_EVENT_STRING already: the common case, checked without copying. */
function withinCap(value: unknown): boolean {
  if (typeof value === 'string') return value.length <= MAX_EVENT_STRING;
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every(withinCap);
  for (const key in value) {
    if (key.length > MAX_EVENT_STRING || !withinCap((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** `value` itself when every string in it, and every object key, is at most MAX_EVENT_STRING characters; else a copy cut to that. */
function capStrings<T>(value: T): T {
  if (withinCap(value)) return value;
  if (typeof value === 'string') return capString(value) as T;
  if (Array.isArray(value)) return value.map(capStrings) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [capString(key), capStrings(v)])) as T;
}

/**
 * The newest of `events` (oldest first) whose JSON together stays within `maxBytes`, oldest first:
 * what a snapshot or a rendered page carries, whatever the events hold.
 */
export function newestWithin<E>(
  events: readonly E[],
  maxBytes: number,
  json: (event: E) => string = JSON.stringify,
): E[] {
  let bytes = 0;
  let from = events.length;
  while (from > 0) {
    bytes += Buffer.byteLength(json(events[from - 1] as E)) + 1;
    if (bytes > maxBytes) break;
    from--;
  }
  return events.slice(from);
}

/**
 * The hub as the taps publish to it: every event's strings capped on the way in, whichever hub is
 * behind it (in memory or shared through Redis); everything else passes straight through.
 */
export class BoundedHub implements FeedHub {
  constructor(private readonly hub: FeedHub) {}

  get lastId(): number {
    return this.hub.lastId;
  }

  get status(): WireStatus {
    return this.hub.status;
  }

  publish<C extends Channel>(channel: C, data: ChannelData[C]): void {
    this.hub.publish(channel, capStrings(data));
  }

  setReaders(counts: Record<string, number>): void {
    this.hub.setReaders(capStrings(counts));
  }

  replay(channels: readonly Channel[], since: number): Replay {
    return this.hub.replay(channels, since);
  }

  snapshot(channels: readonly Channel[], limit?: number): { events: FeedEvent[]; lastId: number } {
    return this.hub.snapshot(channels, limit);
  }

  subscribe(listener: (event: FeedEvent) => void): () => void {
    return this.hub.subscribe(listener);
  }

  watch(listener: (change: WireChange) => void): () => void {
    return this.hub.watch(listener);
  }

  catchUp(id: number): Promise<void> {
    return this.hub.catchUp(id);
  }

  close(): Promise<void> {
    return this.hub.close();
  }
}
