import fs from 'node:fs';
import type { FeedEvent } from '../../shared/feed/protocol';
import { CLIENT_BUILD_DIR } from '../../server/paths';
import { isType, openFeed, type FeedConnection } from '../helpers/feed-client';
import { MAIN, serving, spawnMain, TEST_PUBLIC_ORIGIN } from '../helpers/main-process';
import { startRedisServer, type RedisServer } from '../helpers/redis-server';
import { h2Request } from '../helpers/test-server';
import { waitFor } from '../helpers/wait';

/** The built server with `env`, its output kept: stdout (its log) and stderr (a refusal to start). */
async function spawnWith(env: Record<string, string>) {
  const spawned = await spawnMain({
    logLevel: 'info',
    captureStderr: true,
    env: { H1_PORT: 'off', HTTP_PORT: '', ...env },
  });
  return { ...spawned, output: () => [...spawned.stdout, ...spawned.stderr].join('') };
}

/** As spawnWith, once it serves. */
async function startWith(env: Record<string, string>) {
  const spawned = await spawnWith(env);
  return { ...spawned, server: await serving(spawned) };
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
    const started = await spawnWith({ WORKERS: '2' });
    expect(await started.exited).toBe(1);
    expect(started.output()).toContain('Wirebook could not start: WORKERS=2 needs REDIS_URL');
  });

  it('fails at once with an error naming REDIS_URL when Redis cannot be reached', async () => {
    const url = 'redis://127.0.0.1:1'; // nothing listens on port 1
    const started = await spawnWith({ REDIS_URL: url });
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
      const started = await startWith({ REDIS_URL: redis.url, WORKERS: '2' });
      try {
        expect(started.output()).toMatch(/Wirebook is serving https:\/\/127\.0\.0\.1:\d+\/ with 2 worker processes/);
        // The primary's log line comes through its own (asynchronous) log stream.
        await waitFor('all workers serving', () => started.output().includes('all workers serving'));
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
        startWith({ REDIS_URL: redis.url }),
        startWith({ REDIS_URL: redis.url }),
      ]);
      try {
        const watcher = await openFeed(survivor.server, { origin: TEST_PUBLIC_ORIGIN });
        const reader = await openFeed(doomed.server, { origin: TEST_PUBLIC_ORIGIN });
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
