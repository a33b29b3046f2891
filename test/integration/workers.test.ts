import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WIREBOOK_READY } from '../../bench/processes';
import type { FeedEvent } from '../../shared/feed/protocol';
import { CLIENT_BUILD_DIR, PROJECT_ROOT } from '../../server/paths';
import { isType, openFeed, type FeedConnection } from '../helpers/feed-client';
import { startRedisServer, type RedisServer } from '../helpers/redis-server';
import { h2Request, testCertificate, type TestServer } from '../helpers/test-server';

const PUBLIC_ORIGIN = 'https://wirebook.test';
const MAIN = path.join(PROJECT_ROOT, 'dist', 'node', 'server', 'main.js');

interface Started {
  child: ChildProcess;
  /** Enough of a TestServer for the request and feed helpers. */
  server: TestServer;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs dist/node/server/main.js with `env`; resolves once it prints its serving line (or exits). */
async function startMain(env: Record<string, string>): Promise<Started> {
  const tls = await testCertificate();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wirebook-tls-'));
  fs.writeFileSync(path.join(dir, 'cert.pem'), tls.cert);
  fs.writeFileSync(path.join(dir, 'key.pem'), tls.key);
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      H1_PORT: 'off',
      HOST: '127.0.0.1',
      TLS_CERT: path.join(dir, 'cert.pem'),
      TLS_KEY: path.join(dir, 'key.pem'),
      PUBLIC_ORIGIN,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  exited.finally(() => fs.rmSync(dir, { recursive: true, force: true }));
  await new Promise<void>((resolve) => {
    const check = () => output.includes('Wirebook is serving') && resolve();
    child.stdout?.on('data', check);
    exited.then(() => resolve());
  });
  const port = Number(WIREBOOK_READY.exec(output)?.[1]);
  const server = { origin: `https://localhost:${port}`, port, cert: tls.cert } as TestServer;
  return { child, server, output: () => output, exited };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('start-up with REDIS_URL and WORKERS', () => {
  beforeAll(() => {
    if (!fs.existsSync(MAIN) || !fs.existsSync(CLIENT_BUILD_DIR)) throw new Error('run npm run build first');
  });

  it('refuses WORKERS above 1 without REDIS_URL, saying so', async () => {
    const started = await startMain({ WORKERS: '2' });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('Wirebook could not start: WORKERS=2 needs REDIS_URL');
  });

  it('fails at once with an error naming REDIS_URL when Redis cannot be reached', async () => {
    const url = 'redis://127.0.0.1:1'; // nothing listens on port 1
    const started = await startMain({ REDIS_URL: url });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain(`Wirebook could not start: Cannot reach Redis at REDIS_URL=${url}`);
  });

  describe('with a Redis', () => {
    let redis: RedisServer;
    const feeds: FeedConnection[] = [];
    beforeAll(async () => {
      redis = await startRedisServer();
    });
    afterEach(() => {
      for (const f of feeds.splice(0)) f.ws.terminate();
    });
    afterAll(() => redis.stop());

    it('runs N workers on one port, and SIGTERM to the primary stops them all', async () => {
      const started = await startMain({ REDIS_URL: redis.url, WORKERS: '2' });
      try {
        expect(started.output()).toMatch(/Wirebook is serving https:\/\/127\.0\.0\.1:\d+\/ with 2 worker processes/);
        // The primary's log line comes through its own (asynchronous) log stream.
        while (!started.output().includes('all workers serving')) await new Promise((r) => setTimeout(r, 20));
        const logged = /"workers":\[([\d,]+)\],"msg":"all workers serving"/.exec(started.output());
        const workers = (logged?.[1] ?? '').split(',').map(Number);
        expect(new Set(workers).size).toBe(2);
        expect(workers).not.toContain(started.child.pid);
        for (let i = 0; i < 4; i++) expect((await h2Request(started.server, { ':path': '/en' })).status).toBe(200);
        started.child.kill('SIGTERM');
        expect(await started.exited).toBe(0);
        expect(workers.filter(alive)).toEqual([]);
      } finally {
        started.child.kill('SIGKILL');
      }
    });

    it('stops counting the readers of an instance that dies', async () => {
      const [survivor, doomed] = await Promise.all([
        startMain({ REDIS_URL: redis.url }),
        startMain({ REDIS_URL: redis.url }),
      ]);
      try {
        const watcher = await openFeed(survivor.server, { origin: PUBLIC_ORIGIN });
        const reader = await openFeed(doomed.server, { origin: PUBLIC_ORIGIN });
        feeds.push(watcher, reader);
        watcher.subscribe({ channels: ['readers'], page: 'http2' });
        reader.subscribe({ channels: ['readers'], page: 'http2' });
        const counted = (n: number) => (m: { type: string; event?: FeedEvent }) =>
          m.type === 'event' && (m.event as FeedEvent<'readers'>).data.counts.http2 === n;
        await watcher.nextWhere(counted(2), 5000);
        doomed.child.kill('SIGKILL');
        const killedAt = watcher.messages.length;
        // Its entry expires (15 s) and the next refresh of the survivor publishes the new sum.
        await watcher.nextWhere((m) => watcher.messages.indexOf(m) >= killedAt && counted(1)(m), 25_000);
        expect(watcher.messages.filter(isType('gap'))).toEqual([]);
      } finally {
        survivor.child.kill('SIGTERM');
        doomed.child.kill('SIGKILL');
        await survivor.exited;
      }
    }, 40_000);
  });
});
