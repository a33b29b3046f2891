import type { FeedEvent, ServerMessage } from '../../shared/feed/protocol';
import { encodeFrame, OPCODE } from '../../shared/websocket/frame';
import { oncePerObject } from '../once-per-object';
import { newestWithin } from './event-bounds';

// The messages every subscriber of a channel is sent alike, serialised once and sent as the same
// bytes to all of them: an event, and a snapshot's events. Keyed by the hub's own objects, so they
// live as long as the hub keeps the event (or the snapshot) and no longer.
const sharedEvents = new WeakMap<FeedEvent, SharedEvent>();
const snapshotEvents = new WeakMap<readonly FeedEvent[], SnapshotEvents>();

/**
 * Bytes of their own, outside Node's 8 KB allocation pool: a pooled slice kept as long as its event
 * would keep its whole slab alive.
 */
function ownBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}

/** An event's JSON, made once: events are immutable, and each is in many messages and snapshots. */
export const jsonOf = oncePerObject((event: FeedEvent) => JSON.stringify(event));

/** A message that is not shared, as the bytes a socket is sent. */
export const encodeMessage = (message: ServerMessage): Buffer => Buffer.from(JSON.stringify(message));

/**
 * `{ type: 'event', event }` as every subscriber of its channel is sent it: as a whole WebSocket
 * text frame, the same bytes for every socket (a server's frames are never masked), in memory of
 * its own; `message` is its payload, a view of the same bytes.
 */
export interface SharedEvent {
  frame: Buffer;
  message: Buffer;
}

export function sharedEvent(event: FeedEvent): SharedEvent {
  let shared = sharedEvents.get(event);
  if (shared === undefined) {
    const payload = Buffer.from(`{"type":"event","event":${jsonOf(event)}}`);
    const encoded = encodeFrame({ opcode: OPCODE.text, payload });
    const frame = Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
    shared = { frame, message: frame.subarray(frame.length - payload.length) };
    sharedEvents.set(event, shared);
  }
  return shared;
}

/** `{ type: 'event', event }`, with `mine: true` for the reader whose connection it is about. */
export function eventMessage(event: FeedEvent, mine: boolean): Buffer {
  if (mine) return Buffer.from(`{"type":"event","event":${jsonOf(event)},"mine":true}`);
  return sharedEvent(event).message;
}

/** What every subscriber's snapshot of the same hub snapshot shares: its events, and their bytes. */
export interface SnapshotEvents {
  /** The newest of the hub snapshot's events within the byte limit, oldest first. */
  events: readonly FeedEvent[];
  /** `{"type":"snapshot","events":[…]`, the message's shared first part. */
  bytes: Buffer;
  maxBytes: number;
}

/**
 * The newest of a hub snapshot's events whose JSON stays within `maxBytes`, serialised once per
 * snapshot the hub made and sent as the same bytes to every subscriber.
 */
export function snapshotEventsWithin(events: readonly FeedEvent[], maxBytes: number): SnapshotEvents {
  let shared = snapshotEvents.get(events);
  if (shared === undefined || shared.maxBytes !== maxBytes) {
    const kept = newestWithin(events, maxBytes, jsonOf);
    shared = { events: kept, bytes: ownBytes(`{"type":"snapshot","events":[${kept.map(jsonOf).join(',')}]`), maxBytes };
    snapshotEvents.set(events, shared);
  }
  return shared;
}

/** `{ type: 'snapshot', events, lastId, mine }` in two parts: the shared events, then what is this reader's. */
export function snapshotMessage(shared: SnapshotEvents, lastId: number, mine: number[]): Buffer[] {
  return [shared.bytes, Buffer.from(`,"lastId":${lastId},"mine":${JSON.stringify(mine)}}`)];
}
