// `npm run bench`: the production server against the bare renderToString baseline, loaded in turn
// by h2load over TLS on loopback: h2 at 32 connections x 10 streams, HTTP/1.1 at 32 connections, and
// h2 at one connection for latency. Each scenario runs BENCH_ROUNDS times, the two servers
// alternating, and reports medians: requests per second, p99 latency, and the server's own CPU time
// per request (less sensitive to other load on a shared machine than throughput).
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import http2 from 'node:http2';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASELINE_READY, cpuMs, median, peakRssMb, startServer, WIREBOOK_READY } from './processes';

const TARGET = '/en/architecture';
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SCENARIOS = [
  { name: 'h2, 32 conn x 10 streams', args: ['-c', '32', '-m', '10'], target: 'req/s at least 1.5x' },
  { name: 'HTTP/1.1, 32 conn', args: ['--h1', '-c', '32', '-m', '1'], target: 'req/s at least 1.5x' },
  { name: 'h2, 1 conn', args: ['-c', '1', '-m', '1'], target: 'p99 at most 1.2x' },
];

function ensureH2load(): void {
  try {
    execFileSync('h2load', ['--version'], { stdio: 'ignore' });
  } catch {
    if (process.getuid?.() === 0) {
      execFileSync(
        'bash',
        ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nghttp2-client'],
        { stdio: 'inherit' },
      );
    } else {
      throw new Error('h2load is needed: sudo apt-get install -y nghttp2-client');
    }
  }
}

interface Result {
  reqPerSec: number;
  p99Ms: number;
  /** The server process's user + system CPU time per request done, in microseconds. */
  cpuUs: number;
  failed: number;
}

// h2load runs while this process's event loop keeps reading the servers' logs: a server whose stdout
// nobody reads would be measured holding or dropping its log, not serving.
const run = promisify(execFile);

/** A short unmeasured load first (by count: h2load's -D hangs at one second). */
async function warmUp(port: number, args: string[]): Promise<void> {
  await run('h2load', [...args, '-n', '500', `https://127.0.0.1:${port}${TARGET}`]);
}

async function h2load(pid: number, port: number, args: string[], seconds: number): Promise<Result> {
  const log = path.join(os.tmpdir(), `wirebook-h2load-${process.pid}.tsv`);
  const before = cpuMs(pid);
  const { stdout: out } = await run('h2load', [
    ...args,
    '-D',
    String(seconds),
    `--log-file=${log}`,
    `https://127.0.0.1:${port}${TARGET}`,
  ]);
  const ms = cpuMs(pid) - before;
  const reqPerSec = Number(/finished in [\d.]+\w+, ([\d.]+) req\/s/.exec(out)?.[1]);
  const done = Number(/requests: \d+ total, \d+ started, (\d+) done/.exec(out)?.[1]);
  const failed = Number(/(\d+) failed/.exec(out)?.[1]);
  const durations = fs
    .readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => Number(line.split('\t')[2]) / 1000)
    .sort((a, b) => a - b);
  fs.rmSync(log);
  return {
    reqPerSec,
    p99Ms: durations[Math.min(durations.length - 1, Math.floor(durations.length * 0.99))] ?? NaN,
    cpuUs: (ms * 1000) / done,
    failed,
  };
}

/** The live-wire state the real server embeds in the page, after a few requests have filled the hub. */
async function renderedWire(port: number): Promise<unknown> {
  const session = http2.connect(`https://127.0.0.1:${port}`, { rejectUnauthorized: false });
  const get = () =>
    new Promise<string>((resolve) => {
      let html = '';
      session
        .request({ ':path': TARGET })
        .setEncoding('utf8')
        .on('data', (chunk: string) => (html += chunk))
        .on('end', () => resolve(html));
    });
  for (let i = 0; i < 20; i++) await get();
  const html = await get();
  session.close();
  return JSON.parse(/<script type="application\/json" id="wirebook-state">(.*?)<\/script>/.exec(html)?.[1] as string)
    .wire;
}

const fixed = (value: number, digits: number, width: number) => value.toFixed(digits).padStart(width);

async function main() {
  ensureH2load();
  // Every request fully rendered: shedding live islands under load would flatter the figures.
  const { child: server, port: serverPort } = await startServer(
    'wirebook',
    ['dist/node/server/main.js'],
    WIREBOOK_READY,
    {
      SHED_LAG_MS: 'off',
    },
  );
  const wireFile = path.join(os.tmpdir(), `wirebook-bench-wire-${process.pid}.json`);
  fs.writeFileSync(wireFile, JSON.stringify(await renderedWire(serverPort)));
  const { child: baseline, port: basePort } = await startServer(
    'baseline',
    ['--import', 'tsx', 'bench/baseline.tsx'],
    BASELINE_READY,
    { BENCH_WIRE_FILE: wireFile },
  );
  fs.rmSync(wireFile);
  const servers = [
    { name: 'wirebook', pid: server.pid as number, port: serverPort },
    { name: 'baseline', pid: baseline.pid as number, port: basePort },
  ] as const;
  try {
    console.log(
      `GET ${TARGET} over TLS on 127.0.0.1, ${ROUNDS} rounds of ${DURATION_S} s per scenario and server, alternating; medians. node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1)}`,
    );
    console.log(
      'scenario                 | wirebook req/s | baseline req/s | ratio | wirebook p99 | baseline p99 | ratio | CPU us/req: wirebook | baseline | ratio',
    );
    for (const scenario of SCENARIOS) {
      const results = { wirebook: [] as Result[], baseline: [] as Result[] };
      for (let round = 0; round < ROUNDS; round++) {
        // Who goes first alternates, so neither always meets the other's after-effects.
        const order = round % 2 === 0 ? servers : [...servers].reverse();
        for (const { name, pid, port } of order) {
          await warmUp(port, scenario.args);
          results[name].push(await h2load(pid, port, scenario.args, DURATION_S));
        }
      }
      const [ours, base] = [results.wirebook, results.baseline].map((runs) => ({
        reqPerSec: median(runs.map((r) => r.reqPerSec)),
        p99Ms: median(runs.map((r) => r.p99Ms)),
        cpuUs: median(runs.map((r) => r.cpuUs)),
        failed: runs.reduce((sum, r) => sum + r.failed, 0),
      })) as [Result, Result];
      if (ours.failed || base.failed)
        console.log(`  (failed requests: wirebook ${ours.failed}, baseline ${base.failed})`);
      console.log(
        `${scenario.name.padEnd(24)} | ${fixed(ours.reqPerSec, 0, 14)} | ${fixed(base.reqPerSec, 0, 14)} | ${fixed(ours.reqPerSec / base.reqPerSec, 2, 5)} | ${fixed(ours.p99Ms, 2, 9)} ms | ${fixed(base.p99Ms, 2, 9)} ms | ${fixed(ours.p99Ms / base.p99Ms, 2, 5)} | ${fixed(ours.cpuUs, 0, 20)} | ${fixed(base.cpuUs, 0, 8)} | ${fixed(base.cpuUs / ours.cpuUs, 2, 5)}   target: ${scenario.target}`,
      );
    }
    const [ourRss, baseRss] = [peakRssMb(server.pid as number), peakRssMb(baseline.pid as number)];
    console.log(
      `peak RSS: wirebook ${ourRss.toFixed(1)} MB, baseline ${baseRss.toFixed(1)} MB, ratio ${(ourRss / baseRss).toFixed(2)} (target: at most 1.3x)`,
    );
  } finally {
    server.kill('SIGTERM');
    baseline.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
