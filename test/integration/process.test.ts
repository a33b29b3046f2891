import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { loadClientBuild } from '../../server/client-build';
import { CLIENT_BUILD_DIR, PROJECT_ROOT } from '../../server/paths';
import { freePort } from '../../bench/processes';
import { testCertificate } from '../helpers/test-server';

const MAIN = path.join(PROJECT_ROOT, 'dist', 'node', 'server', 'main.js');

interface Running {
  child: ChildProcess;
  port: number;
  httpPort: number;
  /** The HTTP/1.1-only lab port, as the server printed it. */
  h1Port: number;
  stdout: string[];
  exited: Promise<number | null>;
}

interface MainOptions {
  /** A module to --require before the server, for tests that inject faults. */
  preload?: string;
  logLevel?: string;
}

async function startMain({ preload, logLevel = 'silent' }: MainOptions = {}): Promise<Running> {
  const tls = await testCertificate();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wirebook-tls-'));
  fs.writeFileSync(path.join(dir, 'cert.pem'), tls.cert);
  fs.writeFileSync(path.join(dir, 'key.pem'), tls.key);
  const [port, httpPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [...(preload ? ['--require', preload] : []), MAIN], {
    env: {
      ...process.env,
      PORT: String(port),
      HTTP_PORT: String(httpPort),
      H1_PORT: '0',
      TILE_DELAY_MS: '1500',
      HOST: '127.0.0.1',
      TLS_CERT: path.join(dir, 'cert.pem'),
      TLS_KEY: path.join(dir, 'key.pem'),
      PUBLIC_ORIGIN: `https://localhost:${port}`,
      LOG_LEVEL: logLevel,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stdout: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  exited.finally(() => fs.rmSync(dir, { recursive: true, force: true }));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout.push(String(chunk));
      if (stdout.join('').includes('Wirebook is serving')) resolve();
    });
    exited.then(() => reject(new Error(`server exited early: ${stdout.join('')}`)));
  });
  const h1Port = Number(/HTTP\/1\.1 only on (\d+)/.exec(stdout.join(''))?.[1]);
  return { child, port, httpPort, h1Port, stdout, exited };
}

describe('server/main', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startMain();
  });
  afterAll(() => {
    if (running.child.exitCode === null) running.child.kill('SIGKILL');
  });

  it('prints the URL it serves', () => {
    expect(running.stdout.join('')).toMatch(
      new RegExp(
        `Wirebook is serving https://127\\.0\\.0\\.1:${running.port}/ \\(and http on ${running.httpPort}, redirecting; HTTP/1\\.1 only on \\d+, for the HTTP/2 lab\\)`,
      ),
    );
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
    expect(res.headers.location).toBe(`https://localhost:${running.port}${location}`);
  });

  it('on SIGTERM finishes the in-flight responses on both TLS ports, sends GOAWAY and exits 0 within 10 s', async () => {
    const { cert } = await testCertificate();
    // A waterfall tile on the HTTP/1.1-only port, held 1.5 s by TILE_DELAY_MS: it must still arrive.
    const tile = new Promise<number>((resolve, reject) => {
      https
        .get(
          {
            host: '127.0.0.1',
            port: running.h1Port,
            path: '/lab/tiles/1',
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
    await new Promise((resolve) => setTimeout(resolve, 200));
    const session = http2.connect(`https://localhost:${running.port}`, { ca: cert });
    const goaway = new Promise<void>((resolve) => session.on('goaway', () => resolve()));
    const vendor = Object.values(loadClientBuild(CLIENT_BUILD_DIR).manifest.entries)[0].js.find((url) =>
      url.includes('vendor'),
    ) as string;
    const stream = session.request({ ':path': vendor, 'accept-encoding': 'identity' });
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
      const tile = new Promise<number>((resolve, reject) => {
        https
          .get(
            {
              host: '127.0.0.1',
              port: running.h1Port,
              path: '/lab/tiles/1',
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
      await new Promise((resolve) => setTimeout(resolve, 200));
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
