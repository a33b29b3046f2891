import fs from 'node:fs/promises';
import net from 'node:net';
import tls from 'node:tls';
import type { ServerMessage } from '../../shared/feed/protocol';
import { MemoryHub } from '../../server/feed/hub';
import { watchSocketStates } from '../../server/sockets/socket-watch';
import { isType, openFeed, type FeedConnection } from '../helpers/feed-client';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait';

type Counts = Partial<Record<string, number>>;
const countsOf = (m: ServerMessage): Counts | null =>
  m.type === 'event' && m.event.channel === 'sockets' && 'counts' in m.event.data ? m.event.data.counts : null;

describe('the server’s socket states on the wire', () => {
  let server: TestServer;
  let feed: FeedConnection;
  beforeAll(async () => {
    server = await startTestServer();
    feed = await openFeed(server);
    feed.subscribe({ channels: ['sockets'] });
    await feed.next(isType('snapshot'));
  });
  afterAll(async () => {
    feed.ws.terminate();
    await server.close();
  });

  const latest = (): Counts => {
    const all = feed.messages.map(countsOf).filter((c): c is Counts => c !== null);
    const snapshot = feed.messages.find(isType('snapshot'))?.events.findLast((e) => e.channel === 'sockets');
    return all.at(-1) ?? (snapshot?.channel === 'sockets' && 'counts' in snapshot.data ? snapshot.data.counts : {});
  };
  const until = (check: (counts: Counts) => boolean) =>
    feed.nextWhere((m) => {
      const c = countsOf(m);
      return c !== null && check(c);
    }, 5000);

  it('counts the listening socket and real connections as they open and close', async () => {
    await until((c) => (c.LISTEN ?? 0) >= 1);
    const before = latest().ESTABLISHED ?? 0;
    const sockets = await Promise.all(
      Array.from(
        { length: 5 },
        () =>
          new Promise<net.Socket>((resolve) => {
            const s = net.connect(server.port, '127.0.0.1', () => resolve(s));
          }),
      ),
    );
    await until((c) => (c.ESTABLISHED ?? 0) >= before + 5);
    for (const s of sockets) s.destroy();
    await until((c) => (c.ESTABLISHED ?? 0) <= before);
  });

  it('shows TIME_WAIT on the server when the server closes first', async () => {
    // HTTP/1.1 with Connection: close: the server sends its FIN first. The client reads to the end,
    // then closes without a TLS close_notify: data arriving at a socket the server has already closed
    // would be answered with RST, and a reset connection skips TIME_WAIT.
    const socket = tls.connect({
      port: server.port,
      host: '127.0.0.1',
      servername: 'localhost',
      ca: server.cert,
      ALPNProtocols: ['http/1.1'],
    });
    socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    socket.resume();
    socket.on('end', () => socket.destroy());
    await new Promise((resolve) => socket.on('close', resolve));
    await until((c) => (c.TIME_WAIT ?? 0) >= 1);
  });
});

describe('watchSocketStates where there is no socket table', () => {
  it('says it cannot read it, once, instead of inventing numbers', async () => {
    const hub = new MemoryHub();
    const table = '/nonexistent/proc/net/tcp';
    // Watched, not replaced: the real read runs and fails.
    const readFile = jest.spyOn(fs, 'readFile');
    const stop = watchSocketStates({ port: 8443, hub, intervalMs: 20, tables: [table] });
    try {
      await waitFor(
        'five tries at the table',
        () => readFile.mock.calls.filter(([file]) => file === table).length >= 5,
      );
    } finally {
      stop();
      readFile.mockRestore();
    }
    const events = hub.snapshot(['sockets']).events;
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toEqual({ port: 8443, unavailable: 'the socket table cannot be read here (ENOENT)' });
  });
});
