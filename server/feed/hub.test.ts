import { MemoryHub } from './hub';
import { RingBuffer } from './ring-buffer';

const open = (connection: string) => ({ kind: 'open' as const, connection });

describe('RingBuffer', () => {
  it('keeps the newest items, evicting and returning the oldest', () => {
    const ring = new RingBuffer<number>(3);
    expect([1, 2, 3].map((n) => ring.push(n))).toEqual([undefined, undefined, undefined]);
    expect(ring.push(4)).toBe(1);
    expect(ring.push(5)).toBe(2);
    expect(ring.last()).toEqual([3, 4, 5]);
    expect(ring.last(2)).toEqual([4, 5]);
    expect(ring.size).toBe(3);
  });

  it('rejects a capacity that is not a positive integer, naming it', () => {
    expect(() => new RingBuffer(0)).toThrow('Invalid capacity: 0. It must be a positive integer.');
  });
});

describe('MemoryHub', () => {
  it('gives events monotonically increasing ids across channels, with the time and data', () => {
    const hub = new MemoryHub({ now: () => 1000 });
    const a = hub.publish('tcp', open('aaaaaa'));
    const b = hub.publish('http', {
      connection: 'aaaaaa',
      streamId: 1,
      method: 'GET',
      route: '/',
      status: 200,
      protocol: 'h2',
      bytes: 10,
      ms: 1,
    });
    const c = hub.publish('tcp', open('bbbbbb'));
    expect([a.id, b.id, c.id]).toEqual([1, 2, 3]);
    expect(a).toEqual({ id: 1, channel: 'tcp', time: 1000, data: open('aaaaaa') });
  });

  it('delivers to subscribers in publish order until they unsubscribe', () => {
    const hub = new MemoryHub();
    const seen: number[] = [];
    const unsubscribe = hub.subscribe((event) => seen.push(event.id));
    hub.publish('tcp', open('a'));
    hub.publish('tls', { connection: 'a', alpn: 'h2', version: 'TLSv1.3', cipher: 'x', resumed: false });
    unsubscribe();
    hub.publish('tcp', open('b'));
    expect(seen).toEqual([1, 2]);
  });

  it('replays what came after an id, for the asked channels only, in id order', () => {
    const hub = new MemoryHub();
    for (let i = 0; i < 5; i++) {
      hub.publish('tcp', open(`t${i}`));
      hub.publish('feed', { kind: 'open', socket: `s${i}`, connection: `t${i}` });
    }
    const replay = hub.replay(['tcp', 'feed'], 6);
    expect(replay).toMatchObject({ gap: false });
    expect(replay.gap === false && replay.events.map((e) => e.id)).toEqual([7, 8, 9, 10]);
    const tcpOnly = hub.replay(['tcp'], 6);
    expect(tcpOnly.gap === false && tcpOnly.events.map((e) => e.id)).toEqual([7, 9]);
    expect(hub.replay(['tcp'], 10)).toEqual({ gap: false, events: [] });
  });

  it('reports a gap once an event after the id has been evicted, and not before', () => {
    const hub = new MemoryHub({ bufferSize: 3 });
    for (let i = 0; i < 5; i++) hub.publish('tcp', open(`c${i}`)); // ids 1..5; 1 and 2 evicted
    expect(hub.replay(['tcp'], 1)).toEqual({ gap: true });
    expect(hub.replay(['tcp'], 2)).toMatchObject({ gap: false });
    expect(hub.snapshot(['tcp']).events.map((e) => e.id)).toEqual([3, 4, 5]);
  });

  it('reports a gap for an id the hub never issued (the client saw a hub before a restart)', () => {
    const hub = new MemoryHub();
    hub.publish('tcp', open('a'));
    expect(hub.replay(['tcp'], 99)).toEqual({ gap: true });
  });

  it('snapshots the most recent events of the channels together, oldest first, with the hub’s last id', () => {
    const hub = new MemoryHub({ bufferSize: 10 });
    for (let i = 0; i < 4; i++) hub.publish('tcp', open(`c${i}`));
    hub.publish('readers', { counts: { '': 1 } });
    hub.publish('feed', { kind: 'open', socket: 's', connection: 'c0' });
    const snapshot = hub.snapshot(['tcp', 'readers'], 3);
    expect(snapshot.events.map((e) => e.id)).toEqual([3, 4, 5]);
    expect(snapshot.lastId).toBe(6);
    expect(hub.snapshot(['tcp']).events.map((e) => e.id)).toEqual([1, 2, 3, 4]);
  });

  it('keeps memory bounded: each channel holds at most bufferSize events', () => {
    const hub = new MemoryHub({ bufferSize: 50 });
    for (let i = 0; i < 10_000; i++)
      hub.publish('http', {
        connection: 'a',
        streamId: i,
        method: 'GET',
        route: '/',
        status: 200,
        protocol: 'h2',
        bytes: 1,
        ms: 1,
      });
    expect(hub.snapshot(['http']).events).toHaveLength(50);
  });
});
