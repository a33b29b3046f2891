import http2 from 'node:http2';
import https from 'node:https';
import tls from 'node:tls';
import { client, PROTOCOLS } from '../helpers/clients';
import { ENDPOINTS } from '../../shared/endpoints';
import type { FeedEvent } from '../../shared/feed/protocol';
import { BAD_PACE, SLOW_PACE } from '../../shared/lab-pace';
import { nextWireEvent, startTestServer, type TestServer } from '../helpers/test-server';
import { closesWithin } from '../helpers/hostile';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ tileDelayMs: 5 });
});
afterAll(() => server.close());

/** Two requests on one real h2 connection: a page, then the session report of that connection. */
async function sessionAfterPage(settings: http2.Settings) {
  const session = http2.connect(server.origin, { ca: server.cert, settings });
  const get = (path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const stream = session.request({ ':path': path });
      let body = '';
      stream.setEncoding('utf8');
      stream.on('response', (headers) => {
        stream.on('data', (chunk) => (body += chunk));
        stream.on('end', () => resolve({ status: Number(headers[':status']), body }));
      });
      stream.on('error', reject);
    });
  try {
    await get('/en/http2');
    // The server records a stream when its response finishes, which the client may see end first.
    const recorded = nextWireEvent(server, (e) => e.channel === 'http' && e.data.route === ENDPOINTS.favicon);
    await get(ENDPOINTS.favicon);
    await recorded;
    const report = await get('/lab/h2/session');
    return { status: report.status, report: JSON.parse(report.body) };
  } finally {
    session.close();
  }
}

describe('/lab/h2/session: the reader’s own connection, from the server’s side', () => {
  it('reports the SETTINGS the client really sent, the server’s own, a PING round trip and the streams on that connection', async () => {
    const { status, report } = await sessionAfterPage({
      initialWindowSize: 123_456,
      headerTableSize: 2048,
      maxHeaderListSize: 32_768,
    });
    expect(status).toBe(200);
    expect(report.protocol).toBe('h2');
    expect(report.alpn).toBe('h2');
    expect(report.remoteSettings).toMatchObject({
      initialWindowSize: 123_456,
      headerTableSize: 2048,
      maxHeaderListSize: 32_768,
    });
    expect(report.localSettings).toMatchObject({ enablePush: false });
    expect(report.ping).toEqual({ kind: 'answered', ms: expect.any(Number) });
    expect(report.ping.ms).toBeLessThan(1000);
    expect(report.streams).toEqual([
      expect.objectContaining({ id: 1, method: 'GET', route: '/en/http2', status: 200, resetCode: null }),
      expect.objectContaining({ id: 3, method: 'GET', route: '/favicon.svg', status: 200, resetCode: null }),
    ]);
    expect(report.streams[0].bytes).toBeGreaterThan(1000);
  });

  it('shows a connection only its own streams', async () => {
    const first = await sessionAfterPage({});
    const second = await sessionAfterPage({ initialWindowSize: 99_999 });
    expect(first.report.streams.map((s: { id: number }) => s.id)).toEqual([1, 3]);
    expect(second.report.streams.map((s: { id: number }) => s.id)).toEqual([1, 3]);
    expect(second.report.remoteSettings.initialWindowSize).toBe(99_999);
  });

  it('answers many asks at once on one connection with one shared PING, never "not sent"', async () => {
    const session = http2.connect(server.origin, { ca: server.cert });
    const ask = () =>
      new Promise<{ kind: string }>((resolve, reject) => {
        const stream = session.request({ ':path': '/lab/h2/session' });
        let body = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk) => (body += chunk));
        stream.on('end', () => resolve(JSON.parse(body).ping));
        stream.on('error', reject);
      });
    const pings = await Promise.all(Array.from({ length: 30 }, ask));
    session.close();
    expect(pings.every((ping) => ping.kind === 'answered')).toBe(true);
  });

  it('says so over HTTP/1.1, where there is no session', async () => {
    const res = await client(server, 'http/1.1').get('/lab/h2/session').expect(200);
    expect(res.body).toEqual({ protocol: 'http/1.1' });
  });
});

describe('a stream the client resets', () => {
  let slow: TestServer;
  beforeAll(async () => {
    slow = await startTestServer({ tileDelayMs: 2000 });
  });
  afterAll(() => slow.close());

  it('is reported with its RST_STREAM code, not as a 200', async () => {
    const session = http2.connect(slow.origin, { ca: slow.cert });
    const h2Event = (kind: string) => (e: FeedEvent) =>
      e.channel === 'h2' && e.data.kind === kind && 'streamId' in e.data && e.data.streamId === 1;
    const opened = nextWireEvent(slow, h2Event('stream-open'));
    const tile = session.request({ ':path': '/lab/tiles/1' });
    await opened;
    const closed = nextWireEvent(slow, h2Event('stream-close'));
    tile.close(http2.constants.NGHTTP2_CANCEL);
    await closed;
    const report = await new Promise<{ streams: { id: number; status: number | null; resetCode: number | null }[] }>(
      (resolve, reject) => {
        const stream = session.request({ ':path': '/lab/h2/session' });
        let body = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk) => (body += chunk));
        stream.on('end', () => resolve(JSON.parse(body)));
        stream.on('error', reject);
      },
    );
    session.close();
    expect(report.streams).toEqual([
      expect.objectContaining({ id: 1, status: null, resetCode: http2.constants.NGHTTP2_CANCEL }),
    ]);
  });
});

describe('the HTTP/1.1-only port', () => {
  it('offers only http/1.1 in ALPN, even to a client that asks for h2 first', async () => {
    const alpn = await new Promise<string | false>((resolve, reject) => {
      const socket = tls.connect(
        {
          host: '127.0.0.1',
          port: server.h1Port,
          servername: 'localhost',
          ca: server.cert,
          ALPNProtocols: ['h2', 'http/1.1'],
        },
        () => {
          resolve(socket.alpnProtocol ?? false);
          socket.end();
        },
      );
      socket.on('error', reject);
    });
    expect(alpn).toBe('http/1.1');
  });

  it('refuses an HTTP/2 client that will not fall back', async () => {
    const session = http2.connect(`https://localhost:${server.h1Port}`, { ca: server.cert });
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => session.on('error', resolve));
    expect(error.code).toBe('ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL');
    session.destroy();
  });

  it('serves nothing but the tiles', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      https
        .get(
          {
            host: '127.0.0.1',
            port: server.h1Port,
            path: '/en/http2',
            headers: { host: 'localhost' },
            ca: server.cert,
            servername: 'localhost',
            agent: false,
          },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        )
        .on('error', reject);
    });
    expect(status).toBe(404);
  });

  it('closes the connection after each fresh-handshake answer, its timings readable across origins', async () => {
    const res = await new Promise<{ status: number; headers: Record<string, unknown>; closed: boolean }>(
      (resolve, reject) => {
        const request = https.get(
          {
            host: '127.0.0.1',
            port: server.h1Port,
            path: '/lab/handshake',
            headers: { host: 'localhost', origin: server.origin },
            ca: server.cert,
            servername: 'localhost',
            // A keep-alive agent would keep the socket: the server must be the one that closes it.
            agent: new https.Agent({ keepAlive: true }),
          },
          (response) => {
            response.resume();
            void closesWithin(response.socket, 5000).then((closed) =>
              resolve({ status: response.statusCode ?? 0, headers: response.headers, closed }),
            );
          },
        );
        request.on('error', reject);
      },
    );
    expect(res).toMatchObject({ status: 200, closed: true });
    expect(res.headers).toMatchObject({
      connection: 'close',
      'access-control-allow-origin': '*',
      'timing-allow-origin': '*',
      'cache-control': 'no-store',
    });
  });

  it('serves the tiles over HTTP/1.1, readable across origins, naming the connection', async () => {
    const res = await new Promise<{ status: number; headers: Record<string, unknown>; version: string }>(
      (resolve, reject) => {
        https
          .get(
            {
              host: '127.0.0.1',
              port: server.h1Port,
              path: '/lab/tiles/7',
              headers: { host: 'localhost', origin: server.origin },
              ca: server.cert,
              servername: 'localhost',
              agent: false,
            },
            (response) => {
              response.resume();
              resolve({ status: response.statusCode ?? 0, headers: response.headers, version: response.httpVersion });
            },
          )
          .on('error', reject);
      },
    );
    expect(res).toMatchObject({ status: 200, version: '1.1' });
    expect(res.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'timing-allow-origin': '*',
      'access-control-expose-headers': 'Wirebook-Connection',
      'cache-control': 'no-store',
    });
    expect(res.headers['wirebook-connection']).toMatch(/^[0-9a-f]{6}$/);
  });
});

it('names one connection for every tile that came over it, and another for another connection', async () => {
  const tileNames = async () => {
    const session = http2.connect(server.origin, { ca: server.cert });
    const names = await Promise.all(
      [1, 2, 3].map(
        (n) =>
          new Promise<string>((resolve, reject) => {
            const stream = session.request({ ':path': `/lab/tiles/${n}` });
            stream.on('response', (headers) => resolve(String(headers['wirebook-connection'])));
            stream.on('error', reject);
            stream.resume();
          }),
      ),
    );
    session.close();
    return names;
  };
  const [one, other] = [await tileNames(), await tileNames()];
  expect(new Set(one).size).toBe(1);
  expect(one[0]).toMatch(/^[0-9a-f]{6}$/);
  expect(other[0]).not.toBe(one[0]);
});

describe.each(PROTOCOLS)('/lab/tiles/:n over %s', (protocol) => {
  it.each(['1000', '-1', 'abc', '0x1', '12345'])('answers 400 to tile %s', async (n) => {
    await client(server, protocol).get(`/lab/tiles/${n}`).expect(400);
  });

  it('holds a tile for the slow delay with ?pace=slow, and refuses another pace with 400', async () => {
    const started = Date.now();
    await client(server, protocol).get('/lab/tiles/3?pace=slow').expect(200, 'tile 3\n');
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_PACE.tileDelayMs - 5);
    const res = await client(server, protocol).get('/lab/tiles/3?pace=fast').expect(400);
    expect(res.text).toBe(`${BAD_PACE}\n`);
  });
});

describe.each(PROTOCOLS)('the GET-only lab addresses over %s', (protocol) => {
  it.each(['/lab/trace?path=/', '/lab/h2/session', '/lab/tiles/1'])(
    'answer POST to %s with 405 and Allow',
    async (path) => {
      await client(server, protocol).post(path).expect(405).expect('Allow', 'GET, HEAD, OPTIONS');
    },
  );
});

describe('the HTTP/2 page', () => {
  it('allows its fetches to the HTTP/1.1 port in its CSP', async () => {
    const res = await client(server, 'h2').get('/en/http2').expect(200);
    expect(res.headers['content-security-policy']).toContain(`connect-src 'self' https://localhost:${server.h1Port};`);
    expect(res.text).toContain(`port ${server.h1Port} of the same host`);
  });
});
