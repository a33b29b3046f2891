import http2 from 'node:http2';
import type { FeedEvent, ServerMessage } from '../../shared/feed/protocol';
import { EMBEDDED_STATE_ID } from '../../shared/page';
import type { WireState } from '../../shared/feed/state';
import { isType, openFeed, type FeedConnection } from '../helpers/feed-client';
import { startRedisServer, type RedisServer } from '../helpers/redis-server';
import { h1Request, h2Request, startTestServer, type TestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait';

const httpEvents = (feed: FeedConnection) =>
  feed.messages.flatMap((m) => (m.type === 'event' && m.event.channel === 'http' ? [m.event] : []));
const ids = (events: FeedEvent[]) => events.map((e) => e.id);
const healthz = (server: TestServer) => h2Request(server, { ':path': '/healthz' });
const eventFor = (route: string) => (m: ServerMessage) =>
  m.type === 'event' && m.event.channel === 'http' && (m.event.data as { route: string }).route === route;

/** A page rendered by `server` on an h2 connection that stays open: its embedded wire state. */
async function renderPage(server: TestServer, path = '/en/websocket') {
  const session = http2.connect(server.origin, { ca: server.cert });
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    let html = '';
    let code = 0;
    session
      .request({ ':path': path })
      .setEncoding('utf8')
      .on('response', (headers) => (code = Number(headers[':status'])))
      .on('data', (c: string) => (html += c))
      .on('end', () => resolve({ status: code, body: html }))
      .on('error', reject);
  });
  const state = JSON.parse(new RegExp(`id="${EMBEDDED_STATE_ID}">(.*?)</script>`).exec(body)?.[1] as string) as {
    wire: WireState;
  };
  return { status, wire: state.wire, session };
}

describe('several instances sharing one Redis', () => {
  let redis: RedisServer;
  let a: TestServer;
  let b: TestServer;
  const feeds: FeedConnection[] = [];
  const feed = async (server: TestServer) => {
    const connection = await openFeed(server);
    feeds.push(connection);
    return connection;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    [a, b] = await Promise.all([
      startTestServer({ redisUrl: redis.url, redisHub: { readersTtlMs: 900 } }),
      startTestServer({ redisUrl: redis.url, redisHub: { readersTtlMs: 900 } }),
    ]);
  });
  afterEach(() => {
    for (const f of feeds.splice(0)) f.ws.terminate();
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
  });

  it('is one live wire: every subscriber gets every instance’s events, in one id order', async () => {
    const [onA, onB] = [await feed(a), await feed(b)];
    for (const f of [onA, onB]) f.subscribe({ channels: ['http'] });
    await Promise.all([onA.next(isType('snapshot')), onB.next(isType('snapshot'))]);
    for (let i = 0; i < 6; i++) await healthz(i % 2 === 0 ? a : b);
    await h2Request(a, { ':path': '/robots.txt' });
    await Promise.all([onA.nextWhere(eventFor('/robots.txt')), onB.nextWhere(eventFor('/robots.txt'))]);
    const seenOnA = ids(httpEvents(onA));
    expect(seenOnA.length).toBeGreaterThanOrEqual(7);
    expect([...seenOnA].sort((x, y) => x - y)).toEqual(seenOnA);
    expect(ids(httpEvents(onB))).toEqual(seenOnA);
  });

  it('resumes on one instance from an id another gave, with nothing doubled or missed', async () => {
    const first = await feed(a);
    first.subscribe({ channels: ['http'] });
    const snapshot = await first.next(isType('snapshot'));
    await healthz(b);
    await first.nextWhere(eventFor('/healthz'));
    const lastSeen = httpEvents(first).at(-1)?.id ?? snapshot.lastId;
    first.ws.terminate();

    const steady = await feed(b);
    steady.subscribe({ channels: ['http'], since: lastSeen });
    for (const server of [a, b, a]) await healthz(server);
    await h2Request(b, { ':path': '/robots.txt' });
    await steady.nextWhere(eventFor('/robots.txt'));

    const resumed = await feed(a);
    resumed.subscribe({ channels: ['http'], since: lastSeen });
    await resumed.nextWhere(eventFor('/robots.txt'));
    expect(ids(httpEvents(resumed))).toEqual(ids(httpEvents(steady)));
    expect(resumed.messages.some((m) => m.type === 'gap' || m.type === 'snapshot')).toBe(false);
  });

  it('tells the page’s reader which connection is theirs, whichever instance rendered the page', async () => {
    const page = await renderPage(a);
    try {
      expect(page.wire.token).toEqual(expect.any(String));
      const f = await feed(b);
      f.subscribe({ channels: ['http'], token: page.wire.token as string });
      const you = await f.next(isType('you'));
      expect(you.you.connection).toBe(page.wire.you?.connection);
    } finally {
      page.session.close();
    }
  });

  it('counts the readers of a page over every instance', async () => {
    const [one, two, three] = [await feed(a), await feed(b), await feed(b)];
    for (const f of [one, two, three]) f.subscribe({ channels: ['readers'], page: 'tcp-teardown' });
    const counted = (f: FeedConnection, n: number) =>
      f.messages.some((m) => m.type === 'event' && (m.event as FeedEvent<'readers'>).data.counts['tcp-teardown'] === n);
    await waitFor('both instances count 3 readers', () => counted(one, 3) && counted(two, 3));
    three.ws.terminate();
    await waitFor('the first instance counts 2 readers', () => counted(one, 2));
  });

  it('keeps the changing file’s version across instances, so If-Range decides the same on both', async () => {
    const reader = 'reader-scaleout-0001';
    const path = `/lab/changing/${reader}`;
    const before = await h2Request(a, { ':path': path, range: 'bytes=0-9' });
    const etag = before.headers.etag as string;
    const sameOnB = await h2Request(b, { ':path': path, range: 'bytes=10-19', 'if-range': etag });
    expect(sameOnB.status).toBe(206);
    expect(sameOnB.headers['last-modified']).toBe(before.headers['last-modified']);
    const changed = await h2Request(b, { ':path': path, ':method': 'POST' });
    expect(JSON.parse(String(changed.body))).toEqual({ version: 2 });
    const afterOnA = await h2Request(a, { ':path': path, range: 'bytes=10-19', 'if-range': etag });
    expect(afterOnA.status).toBe(200);
    expect(afterOnA.headers.etag).not.toBe(etag);
  });

  it('gives a gap and a snapshot for an id whose events every instance has let go', async () => {
    const small = await startTestServer({ redisUrl: redis.url, bufferSize: 5 });
    try {
      const f = await openFeed(small);
      feeds.push(f);
      f.subscribe({ channels: ['http'] });
      const { lastId } = await f.next(isType('snapshot'));
      for (let i = 0; i < 8; i++) await healthz(i % 2 ? a : small);
      await waitFor('8 more events on the small instance', () => small.wire.hub.lastId > lastId + 8);
      const late = await openFeed(b);
      feeds.push(late);
      late.subscribe({ channels: ['http'], since: lastId });
      // b keeps 200 per channel: it still has them all.
      await late.nextWhere(eventFor('/healthz'));
      const gapped = await openFeed(small);
      feeds.push(gapped);
      gapped.subscribe({ channels: ['http'], since: lastId });
      expect(await gapped.next(isType('gap'))).toEqual({ type: 'gap', since: lastId });
      await gapped.next(isType('snapshot'));
    } finally {
      await small.close();
    }
  });
});

describe('when Redis fails', () => {
  let redis: RedisServer;
  let server: TestServer;
  beforeEach(async () => {
    redis = await startRedisServer();
    server = await startTestServer({ redisUrl: redis.url, redisHub: { blockMs: 200, stallMs: 300 } });
  });
  afterEach(async () => {
    redis.resume();
    await server.close();
    await redis.stop();
  });

  it('keeps serving pages, tells feeds the wire is interrupted, and resumes with a gap when Redis comes back empty', async () => {
    const f = await openFeed(server);
    f.subscribe({ channels: ['http'] });
    await f.next(isType('snapshot'));
    await healthz(server);
    await f.nextWhere(eventFor('/healthz'));

    await redis.stop();
    expect(await f.next(isType('wire'))).toEqual({ type: 'wire', status: 'interrupted' });
    const page = await renderPage(server);
    page.session.close();
    expect(page.status).toBe(200);
    expect(page.wire.interrupted).toBe(true);
    expect((await healthz(server)).status).toBe(200);

    await redis.restart();
    await f.nextWhere((m) => m.type === 'wire' && m.status === 'live', 10_000);
    await f.next(isType('gap'), 5000);
    // The instance's writing connection may come back a moment after its reading one: an event it
    // could not publish meanwhile is a gap (told to readers), so the next request's event is awaited.
    const count = f.messages.length;
    await waitFor('a /healthz event after Redis came back', async () => {
      await healthz(server);
      return f.messages.slice(count).some(eventFor('/healthz'));
    });
    expect((await renderPage(server).then((p) => (p.session.close(), p))).wire.interrupted).toBe(false);
  });

  it('answers 503 with Retry-After for a changing file while Redis is stalled (a GET and a POST over h2, a GET over HTTP/1.1), and serves it again after', async () => {
    const path = '/lab/changing/reader-stalled-0001';
    redis.pause();
    const answers = [
      await h2Request(server, { ':path': path }),
      await h2Request(server, { ':path': path, ':method': 'POST' }),
      await h1Request(server, path, {}),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('5');
      expect(String(answer.body)).toBe(
        "This reader's changing file is kept in Redis, which did not answer in time; try again in a few seconds\n",
      );
    }
    redis.resume();
    expect((await h2Request(server, { ':path': path })).status).toBe(200);
  });

  it('renders pages at once while Redis is stalled, and loses nothing once it answers again', async () => {
    const f = await openFeed(server);
    f.subscribe({ channels: ['http'] });
    await f.next(isType('snapshot'));
    redis.pause();
    await healthz(server); // its event waits for Redis
    expect(await f.next(isType('wire'))).toEqual({ type: 'wire', status: 'interrupted' });
    const page = await renderPage(server);
    page.session.close();
    expect(page.status).toBe(200);
    expect(page.wire.interrupted).toBe(true);
    redis.resume();
    await f.nextWhere((m) => m.type === 'wire' && m.status === 'live', 5000);
    await f.nextWhere(eventFor('/healthz'), 5000);
    expect(f.messages.some((m) => m.type === 'gap')).toBe(false);
  });
});
