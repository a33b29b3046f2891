import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import path from 'node:path';
import { loadClientBuild } from '../../server/client-build';
import { CLIENT_BUILD_DIR, PROJECT_ROOT } from '../../server/paths';
import { startMain, TEST_PUBLIC_ORIGIN, type MainProcess } from '../helpers/main-process';
import { testCertificate } from '../helpers/test-server';

const PUBLIC_ORIGIN = TEST_PUBLIC_ORIGIN;

/** A waterfall tile from the HTTP/1.1-only port, held 1.5 s by TILE_DELAY_MS; resolves to its status. */
function getTile(running: MainProcess, cert: string, n: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    https
      .get(
        {
          host: '127.0.0.1',
          port: running.h1Port,
          path: `/lab/tiles/${n}`,
          ca: cert,
          servername: 'localhost',
          agent: false,
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      )
      .on('error', reject);
  });
}

describe('server/main', () => {
  let running: MainProcess;
  beforeAll(async () => {
    running = await startMain();
  });
  afterAll(() => {
    if (running.child.exitCode === null) running.child.kill('SIGKILL');
  });

  it('prints the URL it serves, with every port as bound', () => {
    const ports = [running.port, running.httpPort, running.h1Port];
    expect(ports.every((port) => port !== null && port > 0)).toBe(true);
    expect(new Set(ports).size).toBe(3);
  });

  it.each([
    ['/en/architecture?x=1', '/en/architecture?x=1'],
    ['//evil.example/x', '/evil.example/x'],
    ['/\\evil.example/', '/evil.example/'],
    ['//[', '/['],
  ])('redirects plain HTTP %p to the same path on the HTTPS origin, never elsewhere', async (path, location) => {
    const res = await new Promise<http.IncomingMessage>((resolve) =>
      http.get({ host: '127.0.0.1', port: running.httpPort, path }, resolve),
    );
    res.resume();
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe(`${PUBLIC_ORIGIN}${location}`);
  });

  it('on SIGTERM finishes the in-flight responses on both TLS ports, sends GOAWAY and exits 0 within 10 s', async () => {
    const { cert } = await testCertificate();
    // A waterfall tile on the HTTP/1.1-only port, held 1.5 s by TILE_DELAY_MS: it must still arrive.
    const tile = getTile(running, cert, 1);
    await running.printed(/request arrived: \/lab\/tiles\/1\n/);
    const session = http2.connect(`https://localhost:${running.port}`, { ca: cert });
    const goaway = new Promise<void>((resolve) => session.on('goaway', () => resolve()));
    const react = Object.values(loadClientBuild(CLIENT_BUILD_DIR).manifest.entries)[0]?.js.find((url) =>
      url.includes('/react.'),
    ) as string;
    const stream = session.request({ ':path': react, 'accept-encoding': 'identity' });
    const response = new Promise<http2.IncomingHttpHeaders>((resolve) => stream.on('response', resolve));
    const headers = await response;
    // Not reading yet: flow control holds the rest of the file on the server while it is told to stop.
    stream.pause();
    const started = Date.now();
    running.child.kill('SIGTERM');
    await goaway;
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.resume();
    await new Promise((resolve) => stream.on('end', resolve));
    expect(Buffer.concat(chunks).length).toBe(Number(headers['content-length']));
    session.close();
    expect(await tile).toBe(200);
    expect(await running.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('server/main, last resort', () => {
  it('an exception no handler caught is logged, in-flight responses finish, and the process exits 1', async () => {
    const running = await startMain({
      preload: path.join(PROJECT_ROOT, 'test', 'fixtures', 'throw-on-signal.js'),
      logLevel: 'fatal',
    });
    try {
      const { cert } = await testCertificate();
      // Held 1.5 s by TILE_DELAY_MS: in flight while the exception happens.
      const tile = getTile(running, cert, 1);
      await running.printed(/request arrived: \/lab\/tiles\/1\n/);
      running.child.kill('SIGUSR2');
      expect(await tile).toBe(200);
      expect(await running.exited).toBe(1);
      const fatal = running.stdout
        .join('')
        .split('\n')
        .filter((line) => line.includes('"level":60'))
        .map((line) => JSON.parse(line));
      expect(fatal).toEqual([
        expect.objectContaining({
          msg: 'uncaught exception; shutting down',
          err: expect.objectContaining({ message: 'injected by the test' }),
        }),
      ]);
    } finally {
      if (running.child.exitCode === null) running.child.kill('SIGKILL');
    }
  });
});

describe('server/main, its log unread', () => {
  it('keeps serving while nobody reads its stdout, and logs every request once it is read again', async () => {
    const running = await startMain({ logLevel: 'info' });
    try {
      running.child.stdout?.pause();
      const session = http2.connect(running.origin, { ca: running.cert });
      session.on('error', () => undefined);
      // 2000 request lines are more than a pipe holds (64 KiB): a server that wrote its log
      // synchronously would stop here until someone read it.
      const statuses = await Promise.all(
        Array.from(
          { length: 2000 },
          (_, i) =>
            new Promise<number>((resolve, reject) => {
              const stream = session.request({ ':path': `/healthz?unread=${i}` });
              stream.on('response', (headers) => resolve(Number(headers[':status'])));
              stream.on('error', reject);
              stream.resume();
            }),
        ),
      );
      session.close();
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
      running.child.stdout?.resume();
      await running.printed(/"path":"\/healthz\?unread=1999"/);
      expect(running.stdout.join('').match(/"path":"\/healthz\?unread=\d+"/g)).toHaveLength(2000);
    } finally {
      if (running.child.exitCode === null) running.child.kill('SIGKILL');
    }
  });
});
