import http2 from 'node:http2';
import { decodeFrameHeader, OPCODE } from '../../shared/websocket/frame';
import { DEFAULT_FEED_LIMITS } from '../../server/feed/feed-server';
import { FRAGMENT_BYTES } from '../../server/websocket/paced-sender';
import { connectionOf, FEED_SUBPROTOCOL, type FeedEvent, type ServerMessage } from '../../shared/feed/protocol';
import { EMBEDDED_STATE_ID } from '../../shared/page';
import { ENDPOINTS } from '../../shared/endpoints';
import { encodeFrame } from '../../shared/websocket/frame';
import { isType, openFeed, type FeedConnection } from '../helpers/feed-client';
import { upgradeByHand } from '../helpers/hostile';
import { waitFor } from '../helpers/wait';
import { h1Request, h2Request, startTestServer, type TestServer } from '../helpers/test-server';

/** A client's text frame of a message, masked. */
const maskedText = (message: object) =>
  encodeFrame({
    opcode: OPCODE.text,
    payload: Buffer.from(JSON.stringify(message)),
    maskingKey: Uint8Array.of(1, 2, 3, 4),
  });

/** The whole frames in a server's bytes: each one's bytes, header size and payload. */
function framesIn(bytes: Buffer): { bytes: Buffer; fin: boolean; headerSize: number; payload: Buffer }[] {
  const frames = [];
  for (let offset = 0; offset < bytes.length;) {
    const decoded = decodeFrameHeader(bytes.subarray(offset));
    if (!decoded.complete) break;
    const { fin, headerSize, payloadLength } = decoded.header;
    const end = offset + headerSize + payloadLength;
    if (end > bytes.length) break;
    frames.push({
      bytes: bytes.subarray(offset, end),
      fin,
      headerSize,
      payload: bytes.subarray(offset + headerSize, end),
    });
    offset = end;
  }
  return frames;
}

const events = (feed: FeedConnection) =>
  feed.messages.flatMap((m) => (m.type === 'event' ? [m.event] : m.type === 'snapshot' ? m.events : []));
const httpEvent = (route: string) => (m: ServerMessage) =>
  m.type === 'event' && m.event.channel === 'http' && m.event.data.route === route;

describe('the /live feed', () => {
  let server: TestServer;
  const feeds: FeedConnection[] = [];
  const feed = async (options?: Parameters<typeof openFeed>[1]) => {
    const connection = await openFeed(server, options);
    feeds.push(connection);
    return connection;
  };
  beforeAll(async () => {
    server = await startTestServer({ feedLimits: { maxSocketsPerAddress: 150, maxSockets: 300 } });
  });
  afterEach(() => {
    for (const f of feeds.splice(0)) f.ws.terminate();
  });
  afterAll(() => server.close());

  describe('handshake', () => {
    it('refuses a handshake that does not offer wirebook.v1, saying why', async () => {
      await expect(openFeed(server, { protocols: ['chat'] })).rejects.toMatchObject({
        status: 400,
        body: 'Bad request: Sec-WebSocket-Protocol must offer wirebook.v1\n',
      });
      await expect(openFeed(server, { protocols: [] })).rejects.toMatchObject({ status: 400 });
    });

    it('refuses a foreign origin with 403 before the upgrade', async () => {
      await expect(openFeed(server, { origin: 'https://evil.example' })).rejects.toMatchObject({
        status: 403,
        body: 'Forbidden: this origin may not open a WebSocket here\n',
      });
    });

    it('answers other paths with 404', async () => {
      await expect(openFeed(server, { path: '/socket' })).rejects.toMatchObject({ status: 404 });
    });

    it('agrees on wirebook.v1 when offered among others', async () => {
      const f = await feed({ protocols: ['chat', 'wirebook.v1'] });
      expect(f.ws.protocol).toBe('wirebook.v1');
    });
  });

  describe('events', () => {
    it('sends a snapshot, then what really happens: another client’s connection, TLS handshake, streams and response', async () => {
      const f = await feed();
      f.subscribe({ channels: ['tcp', 'tls', 'h2', 'http'] });
      await f.next(isType('snapshot'));
      await h2Request(server, { ':path': '/healthz' });
      const response = await f.nextWhere(httpEvent('/healthz'));
      const http = (response as { event: FeedEvent<'http'> }).event.data;
      expect(http).toMatchObject({
        method: 'GET',
        status: 200,
        protocol: 'h2',
        streamId: 1,
        connection: expect.stringMatching(/^[0-9a-f]{12}$/),
      });
      const all = events(f);
      const mine = (e: FeedEvent) => connectionOf(e) === http.connection;
      expect(all.filter(mine).map((e) => `${e.channel}:${'kind' in e.data ? e.data.kind : ''}`)).toEqual(
        expect.arrayContaining(['tcp:open', 'tls:', 'h2:session-open', 'h2:stream-open', 'http:']),
      );
      const tls = all.find((e) => e.channel === 'tls' && mine(e)) as FeedEvent<'tls'>;
      expect(tls.data).toMatchObject({ alpn: 'h2', version: 'TLSv1.3' });
      // The h2 client closes its session: GOAWAY from the client, then the TCP close it started.
      const closed = await f.nextWhere(
        (m) => m.type === 'event' && m.event.channel === 'tcp' && mine(m.event) && m.event.data.kind === 'close',
      );
      expect((closed as { event: FeedEvent<'tcp'> }).event.data).toMatchObject({
        closedBy: 'client',
        durationMs: expect.any(Number),
      });
    });

    it('says the server closed first when it ends an HTTP/1.1 connection', async () => {
      const f = await feed();
      f.subscribe({ channels: ['tcp', 'http'] });
      await h1Request(server, '/healthz', { Host: 'localhost', Connection: 'close' });
      const response = (await f.nextWhere(httpEvent('/healthz'))) as { event: FeedEvent<'http'> };
      expect(response.event.data).toMatchObject({ protocol: 'http/1.1', streamId: null });
      const closed = (await f.nextWhere(
        (m) =>
          m.type === 'event' &&
          m.event.channel === 'tcp' &&
          m.event.data.connection === response.event.data.connection &&
          m.event.data.kind === 'close',
      )) as { event: FeedEvent<'tcp'> };
      expect(closed.event.data).toMatchObject({ closedBy: 'server' });
    });

    it('publishes the route pattern, never the path or query as typed, and no address', async () => {
      const f = await feed();
      f.subscribe({ channels: ['tcp', 'tls', 'h2', 'http', 'feed'] });
      await h2Request(server, { ':path': '/assets/secret-file.js?token=hunter2' });
      await h2Request(server, { ':path': '/private-page?email=me%40example.com' });
      await h2Request(server, { ':path': '/en/architecture?utm=x' });
      await f.nextWhere(httpEvent('/assets/:file'));
      await f.nextWhere(httpEvent('(not found)'));
      await f.nextWhere(httpEvent('/en/architecture'));
      // Events reach every reader; only the socket's own handshake (sent to it alone) names its host.
      const text = JSON.stringify(f.messages.filter((m) => m.type !== 'handshake'));
      for (const leak of [
        'secret-file',
        'hunter2',
        'private-page',
        'example.com',
        'utm',
        '127.0.0.1',
        '::1',
        'localhost',
        'node',
        'Mozilla',
      ])
        expect(text).not.toContain(leak);
    });
  });

  describe('resume', () => {
    it('replays exactly what a reconnecting client missed', async () => {
      const steady = await feed();
      steady.subscribe({ channels: ['http'] });
      await steady.next(isType('snapshot'));
      const flaky = await feed();
      flaky.subscribe({ channels: ['http'] });
      await flaky.next(isType('snapshot'));
      await h2Request(server, { ':path': '/robots.txt' });
      await flaky.nextWhere(httpEvent('/robots.txt'));
      const lastSeen = Math.max(...events(flaky).map((e) => e.id));
      flaky.ws.terminate();
      for (let i = 0; i < 3; i++) await h2Request(server, { ':path': '/sitemap.xml' });
      await h2Request(server, { ':path': '/favicon.svg' });
      await steady.nextWhere(httpEvent('/favicon.svg'));
      const back = await feed();
      back.subscribe({ channels: ['http'], since: lastSeen });
      await back.nextWhere(httpEvent('/favicon.svg'));
      const missed = events(steady).filter((e) => e.id > lastSeen && e.channel === 'http');
      expect(events(back).map((e) => e.id)).toEqual(missed.map((e) => e.id));
      expect(back.messages.some((m) => m.type === 'snapshot' || m.type === 'gap')).toBe(false);
    });
  });

  describe('limits', () => {
    it('closes with 1009 on a message over 4 KiB', async () => {
      const f = await feed();
      f.ws.send(JSON.stringify({ type: 'subscribe', channels: ['tcp'], pad: 'x'.repeat(5000) }));
      expect((await f.closed).code).toBe(1009);
    });

    it('closes with 1007 on malformed JSON, with the reason', async () => {
      const f = await feed();
      f.ws.send('{"type":');
      expect(await f.next(isType('error'))).toEqual({
        type: 'error',
        code: 'WB_ERR_FEED_JSON',
        reason: 'message is not valid JSON',
      });
      expect(await f.closed).toEqual({ code: 1007, reason: 'message is not valid JSON' });
    });

    it('closes with 1008 on an unknown message', async () => {
      const f = await feed();
      f.ws.send('{"type":"publish","channel":"tcp"}');
      expect(await f.closed).toEqual({ code: 1008, reason: 'unknown message type: "publish"' });
    });

    it('keeps the close reason within 123 bytes whatever the client sent, and stays up', async () => {
      const f = await feed();
      f.ws.send(JSON.stringify({ type: '中'.repeat(50) }));
      const closed = await f.closed;
      expect(closed.code).toBe(1008);
      expect(Buffer.byteLength(closed.reason)).toBeLessThanOrEqual(123);
      expect((await h2Request(server, { ':path': '/healthz' })).status).toBe(200);
    });

    it('closes with 1003 on a binary message', async () => {
      const f = await feed();
      f.ws.send(Buffer.from([1, 2, 3]));
      expect((await f.closed).code).toBe(1003);
    });

    it('closes with 1008 when a client sends too many messages too fast', async () => {
      const f = await feed();
      for (let i = 0; i < 21; i++) f.subscribe({ channels: ['tcp'] });
      expect(await f.closed).toEqual({ code: 1008, reason: 'too many messages; slow down' });
    });
  });

  describe('many readers', () => {
    it('delivers the same events, in the same order, to 100 concurrent subscribers', async () => {
      const readers = await Promise.all(Array.from({ length: 100 }, () => feed()));
      for (const r of readers) r.subscribe({ channels: ['http'] });
      await Promise.all(readers.map((r) => r.next(isType('snapshot'))));
      const session = http2.connect(server.origin, { ca: server.cert });
      await Promise.all(
        Array.from(
          { length: 20 },
          () => new Promise((resolve) => session.request({ ':path': '/healthz' }).on('end', resolve).resume()),
        ),
      );
      session.close();
      // The 20 responses' events as they came live (a snapshot may hold older /healthz events too).
      const live = (r: FeedConnection) =>
        r.messages.flatMap((m) =>
          m.type === 'event' && m.event.channel === 'http' && m.event.data.route === '/healthz' ? [m.event.id] : [],
        );
      await Promise.all(readers.map((r) => r.nextWhere(() => live(r).length >= 20)));
      const first = live(readers[0]!);
      expect(first).toHaveLength(20);
      expect([...first].sort((a, b) => a - b)).toEqual(first);
      for (const r of readers) expect(live(r)).toEqual(first);
    });
  });

  describe('"this is you"', () => {
    async function renderPageToken(): Promise<{
      token: string;
      connection: string;
      session: http2.ClientHttp2Session;
    }> {
      const session = http2.connect(server.origin, { ca: server.cert });
      const body = await new Promise<string>((resolve) => {
        let html = '';
        session
          .request({ ':path': '/en/architecture' })
          .setEncoding('utf8')
          .on('data', (c: string) => (html += c))
          .on('end', () => resolve(html));
      });
      const state = JSON.parse(new RegExp(`id="${EMBEDDED_STATE_ID}">(.*?)</script>`).exec(body)?.[1] as string);
      return { token: state.wire.token, connection: state.wire.you.connection, session };
    }

    it('tells the token’s holder which connection and events are theirs, and no one else', async () => {
      const page = await renderPageToken();
      const reader = await feed();
      const stranger = await feed();
      reader.subscribe({ channels: ['http', 'h2'], token: page.token });
      stranger.subscribe({ channels: ['http', 'h2'] });
      const you = await reader.next(isType('you'));
      expect(you.you).toMatchObject({
        connection: page.connection,
        protocol: 'h2',
        alpn: 'h2',
        tlsVersion: 'TLSv1.3',
        pageStreamId: 1,
      });
      expect(you.connections).toContain(page.connection);
      await Promise.all([reader.next(isType('snapshot')), stranger.next(isType('snapshot'))]);
      // The page's connection asks for more: its stream 3 is the reader's own.
      await new Promise((resolve) => page.session.request({ ':path': '/healthz' }).on('end', resolve).resume());
      const own = await reader.nextWhere(
        (m) =>
          httpEvent('/healthz')(m) && (m as { event: FeedEvent<'http'> }).event.data.connection === page.connection,
      );
      expect(own).toMatchObject({ mine: true, event: { data: { streamId: 3 } } });
      const seenByStranger = await stranger.nextWhere(
        (m) =>
          httpEvent('/healthz')(m) && (m as { event: FeedEvent<'http'> }).event.data.connection === page.connection,
      );
      expect(seenByStranger).not.toHaveProperty('mine');
      expect(
        stranger.messages.some(
          (m) =>
            m.type === 'you' ||
            (m.type === 'event' && m.mine) ||
            (m.type === 'snapshot' &&
              m.mine.length > 0 &&
              m.mine.some((id) => events(stranger).find((e) => e.id === id && connectionOf(e) === page.connection))),
        ),
      ).toBe(false);
      page.session.close();
    });

    it('counts readers only on pages the site has', async () => {
      const f = await feed();
      f.subscribe({ channels: ['readers'], page: 'buy-cheap-pills' });
      const real = await feed();
      real.subscribe({ channels: ['readers'], page: 'architecture' });
      await real.nextWhere(
        (m) => m.type === 'event' && m.event.channel === 'readers' && m.event.data.counts.architecture === 1,
      );
      expect(server.wire.feed.readerCounts()).toEqual({ architecture: 1 });
    });

    it('ignores a token it did not issue', async () => {
      const f = await feed();
      f.subscribe({ channels: ['http'], token: 'A'.repeat(22) });
      await f.next(isType('snapshot'));
      expect(f.messages.some((m) => m.type === 'you')).toBe(false);
    });
  });
});

describe('the /live feed under pressure', () => {
  it('turns away sockets beyond the per-address limit with 429 and Retry-After', async () => {
    const server = await startTestServer({ feedLimits: { maxSocketsPerAddress: 2 } });
    const open = [await openFeed(server), await openFeed(server)];
    await expect(openFeed(server)).rejects.toMatchObject({
      status: 429,
      headers: expect.objectContaining({ 'retry-after': '10' }),
    });
    for (const f of open) f.ws.terminate();
    await server.close();
  });

  it('turns away sockets beyond the server’s total with 429', async () => {
    const server = await startTestServer({ feedLimits: { maxSockets: 1 } });
    const first = await openFeed(server);
    await expect(openFeed(server)).rejects.toMatchObject({
      status: 429,
      body: 'Too many sockets on this server; try again later\n',
    });
    first.ws.terminate();
    await server.close();
  });

  it('tells a client whose events were evicted that there is a gap, then sends a snapshot', async () => {
    const server = await startTestServer({ bufferSize: 5 });
    for (let i = 0; i < 8; i++) await h2Request(server, { ':path': '/healthz' }); // 8 http events: the first 3 evicted
    const f = await openFeed(server);
    f.subscribe({ channels: ['http'], since: 1 });
    expect(await f.next(isType('gap'))).toEqual({ type: 'gap', since: 1 });
    const snapshot = await f.next(isType('snapshot'));
    expect(snapshot.events.length).toBeGreaterThan(0);
    expect(snapshot.lastId).toBeGreaterThan(1);
    f.ws.terminate();
    await server.close();
  });

  it('sends a snapshot longer than a fragment as fragments the client joins into one message, its own frames showing them', async () => {
    const server = await startTestServer();
    const counts = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`page-${i}`, i]));
    for (let i = 0; i < 200; i++) server.wire.hub.publish('readers', { counts });
    const f = await openFeed(server);
    f.subscribe({ channels: ['readers'] });
    const snapshot = await f.next(isType('snapshot'));
    // The newest of the 200 that fit the snapshot's byte limit, with none missing between them.
    const ids = snapshot.events.map((e) => e.id);
    expect(ids.length).toBeGreaterThan(50);
    expect(ids).toEqual(ids.map((_, i) => (ids[0] as number) + i));
    expect(Buffer.byteLength(JSON.stringify(snapshot.events))).toBeLessThanOrEqual(
      DEFAULT_FEED_LIMITS.maxSnapshotBytes,
    );
    expect(snapshot.events.every((e) => e.channel === 'readers' && e.id <= snapshot.lastId)).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(snapshot))).toBeGreaterThan(5 * FRAGMENT_BYTES);
    f.ws.send(JSON.stringify({ type: 'inspect' }));
    const { frames } = await f.next(isType('frames'));
    const sent = frames
      .filter((frame) => frame.direction === 'server-to-client')
      .map((frame) => decodeFrameHeader(Buffer.from(frame.bytes, 'base64')))
      .flatMap((decoded) => (decoded.complete ? [decoded.header] : []));
    // The snapshot's last fragments: continuations of at most FRAGMENT_BYTES each, the last one final.
    const continuations = sent.filter((header) => header.opcode === OPCODE.continuation);
    expect(continuations.length).toBeGreaterThanOrEqual(4);
    expect(continuations.every((header) => header.payloadLength <= FRAGMENT_BYTES)).toBe(true);
    expect(continuations.at(-1)?.fin).toBe(true);
    f.ws.terminate();
    await server.close();
  });

  it('sends each subscriber what was published in one turn together, in one TLS record, as the frames its inspector shows', async () => {
    const server = await startTestServer();
    // A client that sees the records: each TLS record is one 'data' chunk once decrypted.
    const socket = await upgradeByHand({ ...server, publicOrigin: server.origin }, ENDPOINTS.feed, FEED_SUBPROTOCOL);
    try {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.write(maskedText({ type: 'subscribe', channels: ['readers'] }));
      await waitFor('the snapshot', () => chunks.some((chunk) => chunk.includes('"type":"snapshot"')));
      chunks.length = 0;
      for (let i = 1; i <= 5; i++) server.wire.hub.publish('readers', { counts: { [`page-${i}`]: i } });
      await waitFor('the events', () => chunks.length > 0);
      // Its answer comes after everything the server wrote before it: one record of the five events, then the answer.
      socket.write(maskedText({ type: 'inspect' }));
      const answerFrames = () => framesIn(Buffer.concat(chunks.slice(1)));
      await waitFor('the inspector’s answer', () => answerFrames().some((frame) => frame.fin));
      const frames = framesIn(chunks[0] as Buffer);
      expect(frames.map((frame) => (JSON.parse(frame.payload.toString()) as ServerMessage).type)).toEqual(
        Array(5).fill('event'),
      );
      const answer = Buffer.concat(answerFrames().map((frame) => frame.payload));
      const { frames: captured } = JSON.parse(answer.toString()) as Extract<ServerMessage, { type: 'frames' }>;
      const sent = captured.filter((frame) => frame.direction === 'server-to-client').slice(-5);
      expect(sent.map((frame) => Buffer.from(frame.bytes, 'base64'))).toEqual(
        frames.map((frame) => frame.bytes.subarray(0, frame.headerSize + Math.min(256, frame.payload.length))),
      );
    } finally {
      socket.destroy();
      await server.close();
    }
  });

  it('resumes readers while events are published every turn, each event reaching each reader once, in order', async () => {
    const server = await startTestServer();
    const readers: { feed: FeedConnection; since: number }[] = [];
    try {
      // The hub's own account of what it published on the channel (other channels take ids too).
      const published: number[] = [];
      server.wire.hub.subscribe((event) => {
        if (event.channel === 'readers') published.push(event.id);
      });
      // One event in every turn of the event loop, so each subscribe lands while one is waiting to be sent.
      let subscribed = false;
      const publishing = (async () => {
        for (let i = 0; !subscribed; i++) {
          server.wire.hub.publish('readers', { counts: { [`page-${i}`]: i } });
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      for (let i = 0; i < 8; i++) {
        const feed = await openFeed(server);
        const since = server.wire.hub.lastId;
        feed.subscribe({ channels: ['readers'], since });
        readers.push({ feed, since });
        await new Promise((resolve) => setTimeout(resolve, 15)); // the subscribes spread over time, not a wait for anything
      }
      subscribed = true;
      await publishing;
      server.wire.hub.publish('readers', { counts: {} });
      const end = server.wire.hub.lastId;
      for (const { feed, since } of readers) {
        await feed.nextWhere((m) => m.type === 'event' && m.event.id === end);
        expect(feed.messages.filter((m) => m.type !== 'event' && m.type !== 'handshake')).toEqual([]);
        const ids = feed.messages.flatMap((m) => (m.type === 'event' ? [m.event.id] : []));
        expect(ids).toEqual(published.filter((id) => id > since));
      }
    } finally {
      for (const { feed } of readers) feed.ws.terminate();
      await server.close();
    }
  });

  it('terminates a socket that stops answering pings', async () => {
    const server = await startTestServer({ feedLimits: { heartbeatMs: 100 } });
    const f = await openFeed(server, { wsOptions: { autoPong: false } });
    expect((await f.closed).code).toBe(1006);
    await server.close();
  });

  it('is not kept alive by pongs it never asked for', async () => {
    const server = await startTestServer({ feedLimits: { heartbeatMs: 100 } });
    const f = await openFeed(server, { wsOptions: { autoPong: false } });
    const unasked = setInterval(() => f.ws.pong(Buffer.from('still here')), 30);
    expect((await f.closed).code).toBe(1006);
    clearInterval(unasked);
    await server.close();
  });

  it('drops a slow reader’s events and tells it how many, instead of queueing without bound', async () => {
    const server = await startTestServer({ feedLimits: { maxBufferedBytes: 16 * 1024 } });
    const f = await openFeed(server);
    f.subscribe({ channels: ['readers'] });
    await f.next(isType('snapshot'));
    const socket = (f.ws as unknown as { _socket: import('node:net').Socket })._socket;
    socket.pause();
    const counts: Record<string, number> = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`page-${i}`, i]));
    // Spread over many turns of the event loop, so the server's socket really drains what it can.
    for (let batch = 0; batch < 200; batch++) {
      for (let i = 0; i < 100; i++) server.wire.hub.publish('readers', { counts });
      await new Promise((resolve) => setImmediate(resolve));
    }
    socket.resume();
    // Once it has caught up, the next event goes through, preceded by how many were dropped.
    const last = () =>
      f.messages.some(
        (m) => m.type === 'event' && m.event.channel === 'readers' && Object.keys(m.event.data.counts).length === 0,
      );
    while (!last()) {
      server.wire.hub.publish('readers', { counts: {} });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const dropped = f.messages.reduce((sum, m) => sum + (m.type === 'dropped' ? m.count : 0), 0);
    const delivered = f.messages.filter(
      (m) => m.type === 'event' && m.event.channel === 'readers' && Object.keys(m.event.data.counts).length > 0,
    ).length;
    expect(dropped).toBeGreaterThan(0);
    expect(delivered + dropped).toBe(20_000);
    f.ws.terminate();
    await server.close();
  });

  it('closes feed sockets with 1001 when the server shuts down', async () => {
    const server = await startTestServer();
    const f = await openFeed(server);
    await server.close();
    expect((await f.closed).code).toBe(1001);
  });
});
