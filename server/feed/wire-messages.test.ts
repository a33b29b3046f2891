import type { FeedEvent, ServerMessage } from '../../shared/feed/protocol';
import { eventMessage, snapshotEventsWithin, snapshotMessage } from './wire-messages';

const event = (id: number): FeedEvent => ({
  id,
  channel: 'http',
  time: 1_700_000_000_000 + id,
  data: {
    connection: 'a1b2c3d4e5f6',
    streamId: 1,
    method: 'GET',
    route: '/',
    status: 200,
    protocol: 'h2',
    bytes: 9,
    ms: 1,
  },
});
const parsed = (bytes: Buffer | Buffer[]) => JSON.parse(Buffer.concat([bytes].flat()).toString()) as ServerMessage;

describe('messages serialised once for every subscriber', () => {
  it('an event: the same bytes for everyone, and `mine` only for its reader', () => {
    const one = event(7);
    expect(eventMessage(one, false)).toBe(eventMessage(one, false));
    expect(parsed(eventMessage(one, false))).toEqual({ type: 'event', event: one });
    expect(parsed(eventMessage(one, true))).toEqual({ type: 'event', event: one, mine: true });
  });

  it('a snapshot: its events shared by every subscriber, then each one’s own ids', () => {
    const snapshot = { events: [event(1), event(2), event(3)], lastId: 4 };
    const shared = snapshotEventsWithin(snapshot.events, 64 * 1024);
    expect(snapshotEventsWithin(snapshot.events, 64 * 1024)).toBe(shared);
    const [events, forMe] = snapshotMessage(shared, snapshot.lastId, [2]);
    const [sameEvents, forOther] = snapshotMessage(shared, snapshot.lastId, []);
    expect(sameEvents).toBe(events);
    expect(parsed([events as Buffer, forMe as Buffer])).toEqual({ type: 'snapshot', ...snapshot, mine: [2] });
    expect(parsed([events as Buffer, forOther as Buffer])).toEqual({ type: 'snapshot', ...snapshot, mine: [] });
  });

  it('a snapshot keeps only its newest events within the byte limit', () => {
    const events = [event(1), event(2), event(3)];
    const oneEvent = Buffer.byteLength(JSON.stringify(events[2])) + 1;
    const shared = snapshotEventsWithin(events, 2 * oneEvent);
    expect(shared.events).toEqual([event(2), event(3)]);
    expect(parsed(snapshotMessage(shared, 4, []))).toEqual({
      type: 'snapshot',
      events: shared.events,
      lastId: 4,
      mine: [],
    });
  });
});
