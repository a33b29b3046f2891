// `npm run bench:feed`: subscribers on loopback receive the live wire while h2 clients make real
// requests at a fixed rate (each response is one event on the 'http' channel). Prints delivered
// events/s, whether every subscriber got every event in id order, p50/p99 delivery latency, and
// the server's memory per idle subscriber beside a bare idle TLS connection's, measured in the same
// run. BENCH_INSTANCES=2: two instances sharing a redis-server, N subscribers on each, the requests
// spread over both; latency is reported within one instance and across the two.
import { fork, type ChildProcess } from 'node:child_process';
import http2 from 'node:http2';
import os from 'node:os';
import path from 'node:path';
import {
  BARE_TLS_READY,
  cpuSeconds,
  peakRssMb,
  rssMb,
  startRedis,
  startServer,
  WIREBOOK_READY,
  writeSyscalls,
} from './processes';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 500);
const RATE = Number(process.env.BENCH_EVENTS_PER_S ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1);
/** Extra node options for the Wirebook instances, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile them. */
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const PER_ADDRESS = 10;
/** How long after the last answer the subscribers may take to receive every event. */
const DELIVERY_WAIT_MS = 15_000;
/** Each instance is asked for its own route, so a subscriber can tell a local event from a remote one. */
const ROUTES = ['/healthz', '/robots.txt'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What bench/feed-subscribers.ts reports. */
type Report = Record<
  'received' | 'minPerSocket' | 'maxPerSocket' | 'inOrder' | 'p50' | 'p99' | 'max' | 'localP99' | 'remoteP99',
  number
>;

function subscribers(mode: 'feed' | 'bare', port: number, localRoute = '') {
  const child = fork(
    path.join(__dirname, 'feed-subscribers.ts'),
    [mode, String(port), String(SUBSCRIBERS), String(PER_ADDRESS), localRoute],
    { execArgv: ['--import', 'tsx'] },
  );
  const next = (type: string) =>
    new Promise<Report>((resolve) => {
      const listener = (m: { type: string }) => {
        if (m.type !== type) return;
        child.off('message', listener);
        resolve(m as never);
      };
      child.on('message', listener);
    });
  return { child, next, ready: next('ready') };
}

/** Node options for the servers whose memory is measured: SIGUSR2 collects their garbage. */
const MEASURED = ['--expose-gc', '--require', path.join(__dirname, 'collect-garbage-on-signal.cjs')];

/** A process's RSS in MB just after a full garbage collection. */
async function collectedRssMb(pid: number): Promise<number> {
  process.kill(pid, 'SIGUSR2');
  // V8 hands freed pages back to the system from background threads: give them time on a busy machine.
  await sleep(1500);
  return rssMb(pid);
}

/**
 * KB of RSS per connection of each server: `open` makes SUBSCRIBERS idle ones on each; measured once
 * they have all settled, garbage collected. Every server is measured before any connection opens and
 * after all have: connections to one instance make work on the other (their events cross over).
 */
async function perConnectionKb(pids: number[], open: () => Promise<unknown>): Promise<number[]> {
  const before = await Promise.all(pids.map(collectedRssMb));
  await open();
  await sleep(2000);
  const after = await Promise.all(pids.map(collectedRssMb));
  return after.map((mb, i) => ((mb - (before[i] as number)) * 1024) / SUBSCRIBERS);
}

async function bareTlsKb(): Promise<number> {
  const { child: server, port } = await startServer(
    'bare tls',
    [...MEASURED, '--import', 'tsx', 'bench/bare-tls.ts'],
    BARE_TLS_READY,
  );
  let clients: ChildProcess | null = null;
  try {
    await sleep(500);
    const [kb] = await perConnectionKb([server.pid as number], () => {
      const bare = subscribers('bare', port);
      clients = bare.child;
      return bare.ready;
    });
    return kb as number;
  } finally {
    (clients as ChildProcess | null)?.kill();
    server.kill('SIGTERM');
  }
}

async function main() {
  const bareKb = await bareTlsKb();
  const redis = INSTANCES > 1 ? await startRedis() : null;
  const env: Record<string, string> = redis ? { REDIS_URL: `redis://127.0.0.1:${redis.port}` } : {};
  const started = await Promise.all(
    Array.from({ length: INSTANCES }, () =>
      startServer('wirebook', [...MEASURED, ...SERVER_NODE_ARGS, 'dist/node/server/main.js'], WIREBOOK_READY, env),
    ),
  );
  const servers = started.map((s) => s.child);
  const ports = started.map((s) => s.port);
  const sessions = ports.map((port) => http2.connect(`https://127.0.0.1:${port}`, { rejectUnauthorized: false }));
  // Instance i gets its own route, so a subscriber can tell its instance's events from the others'.
  // Resolves whether the request was answered: a refused one (an overloaded server's stream limit) publishes no event.
  const get = (i: number) =>
    new Promise<boolean>((resolve) =>
      sessions[i]!.request({ ':path': ROUTES[i]! })
        .on('end', () => resolve(true))
        .on('error', () => resolve(false))
        .resume(),
    );
  const clients: ReturnType<typeof subscribers>[] = [];
  try {
    for (let i = 0; i < 200; i++) await get(i % INSTANCES); // warm up the servers before measuring their memory
    await sleep(1000);
    const idleKb = await perConnectionKb(
      servers.map((server) => server.pid as number),
      async () => {
        for (const [i, port] of ports.entries()) {
          const feed = subscribers('feed', port, ROUTES[i]);
          clients.push(feed);
          await feed.ready;
        }
      },
    );
    for (const { child } of clients) child.send({ type: 'reset' });

    const interval = 1000 / RATE;
    const cpu = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const serverPids = servers.map((s) => s.pid as number);
    const clientPids = clients.map(({ child }) => child.pid as number);
    const redisPids = redis ? [redis.child.pid as number] : [];
    const cpuBefore = { server: cpu(serverPids), clients: cpu(clientPids), redis: cpu(redisPids) };
    const serverWrites = () => serverPids.reduce((sum, pid) => sum + writeSyscalls(pid), 0);
    const writesBefore = serverWrites();
    const started = performance.now();
    const requests: Promise<boolean>[] = [];
    while (performance.now() - started < DURATION_S * 1000) {
      requests.push(get(requests.length % INSTANCES));
      const due = started + requests.length * interval;
      await sleep(Math.max(0, due - performance.now()));
    }
    const elapsed = (performance.now() - started) / 1000;
    // Every answered request is one event: wait for the answers (a loaded server lags), then for their delivery.
    const sent = (await Promise.all(requests)).filter(Boolean).length;
    const refused = requests.length - sent;
    // A server behind on its fan-out is late, not wrong: its latency says how late. Wait for it (boundedly).
    const receivedSoFar = () =>
      Promise.all(
        clients.map(({ child, next }) => {
          const count = next('count');
          child.send({ type: 'count' });
          return count;
        }),
      ).then((counts) => counts.reduce((sum, c) => sum + c.received, 0));
    const waitUntil = performance.now() + DELIVERY_WAIT_MS;
    do await sleep(250);
    while ((await receivedSoFar()) < SUBSCRIBERS * INSTANCES * sent && performance.now() < waitUntil);
    const cpuUsed = {
      server: cpu(serverPids) - cpuBefore.server,
      clients: cpu(clientPids) - cpuBefore.clients,
      redis: cpu(redisPids) - cpuBefore.redis,
    };
    const writesUsed = serverWrites() - writesBefore;
    const reports = await Promise.all(
      clients.map(({ child, next }) => {
        const report = next('report');
        child.send({ type: 'report' });
        return report;
      }),
    );

    const total = SUBSCRIBERS * INSTANCES;
    const received = reports.reduce((sum, r) => sum + r.received, 0);
    const complete = reports.every((r) => r.minPerSocket === sent && r.maxPerSocket === sent);
    const inOrder = reports.reduce((sum, r) => sum + r.inOrder, 0);
    console.log(
      `${INSTANCES === 1 ? 'one instance (memory hub)' : `${INSTANCES} instances sharing a redis-server`}, ${SUBSCRIBERS} subscribers on each on 127.0.0.x, ${RATE} events/s published for ${DURATION_S} s (${sent} events${refused > 0 ? `; ${refused} requests refused` : ''}${INSTANCES > 1 ? ', alternating between the instances' : ''}), node ${process.version}`,
    );
    console.log(
      `delivered: ${received} events, ${(received / elapsed).toFixed(0)} events/s (expected ${((total * sent) / elapsed).toFixed(0)}); every subscriber got all ${sent}: ${complete ? 'yes' : `no (per subscriber ${Math.min(...reports.map((r) => r.minPerSocket))}–${Math.max(...reports.map((r) => r.maxPerSocket))})`}; in id order: ${inOrder} of ${total}`,
    );
    const max = Math.max(...reports.map((r) => r.max));
    const local = Math.max(...reports.map((r) => r.localP99));
    const across = INSTANCES > 1 ? `, across instances p99 ${Math.max(...reports.map((r) => r.remoteP99))} ms` : '';
    console.log(
      `delivery latency: p50 ${Math.max(...reports.map((r) => r.p50))} ms, p99 ${Math.max(...reports.map((r) => r.p99))} ms, max ${max} ms; within one instance p99 ${local} ms${across}`,
    );
    const perEvent = (seconds: number) => `${((seconds * 1e6) / Math.max(1, received)).toFixed(1)} µs`;
    console.log(
      `CPU per delivered event: server ${perEvent(cpuUsed.server)} (${cpuUsed.server.toFixed(2)} s${INSTANCES > 1 ? ` over ${INSTANCES} instances` : ''}), subscribers ${perEvent(cpuUsed.clients)} (${cpuUsed.clients.toFixed(2)} s)${redis ? `, redis-server ${cpuUsed.redis.toFixed(2)} s` : ''}; load average ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.availableParallelism()} cores`,
    );
    console.log(
      `server write system calls per delivered event: ${(writesUsed / Math.max(1, received)).toFixed(2)} (${writesUsed})`,
    );
    console.log(
      `memory per idle subscriber: ${idleKb.map((kb) => `${kb.toFixed(1)} KB`).join(' and ')} (server RSS growth over ${SUBSCRIBERS}, garbage collected); a bare idle TLS connection: ${bareKb.toFixed(1)} KB, so ${(Math.max(...idleKb) / bareKb).toFixed(2)}×; peak RSS ${servers.map((s) => `${peakRssMb(s.pid as number).toFixed(1)} MB`).join(' and ')}`,
    );
  } finally {
    for (const session of sessions) session.close();
    for (const { child } of clients) child.kill();
    for (const server of servers) server.kill('SIGTERM');
    redis?.child.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
