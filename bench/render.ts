// `npm run bench`: the production server against the bare renderToString baseline, loaded in turn
// by h2load over TLS on loopback, at 32 connections x 10 streams and at 1 connection.
import { execFileSync } from 'node:child_process';
import http2 from 'node:http2';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASELINE_READY, peakRssMb, startServer, WIREBOOK_READY } from './processes';

const TARGET = '/en/architecture';
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const SCENARIOS = [
  { name: '32 conn x 10 streams', clients: 32, streams: 10 },
  { name: '1 conn x 1 stream', clients: 1, streams: 1 },
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
  failed: number;
}

function h2load(port: number, clients: number, streams: number): Result {
  const log = path.join(os.tmpdir(), `wirebook-h2load-${process.pid}.tsv`);
  const out = execFileSync(
    'h2load',
    [
      '-c',
      String(clients),
      '-m',
      String(streams),
      '-D',
      String(DURATION_S),
      '--warm-up-time=2',
      `--log-file=${log}`,
      `https://127.0.0.1:${port}${TARGET}`,
    ],
    { encoding: 'utf8' },
  );
  const reqPerSec = Number(/finished in [\d.]+\w+, ([\d.]+) req\/s/.exec(out)?.[1]);
  const failed = Number(/(\d+) failed/.exec(out)?.[1]);
  const durations = fs
    .readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => Number(line.split('\t')[2]) / 1000)
    .sort((a, b) => a - b);
  fs.rmSync(log);
  return { reqPerSec, p99Ms: durations[Math.min(durations.length - 1, Math.floor(durations.length * 0.99))], failed };
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

async function main() {
  ensureH2load();
  const { child: server, port: serverPort } = await startServer(
    'wirebook',
    ['dist/node/server/main.js'],
    WIREBOOK_READY,
  );
  const wireFile = path.join(os.tmpdir(), `wirebook-bench-wire-${process.pid}.json`);
  fs.writeFileSync(wireFile, JSON.stringify(await renderedWire(serverPort)));
  process.env.BENCH_WIRE_FILE = wireFile;
  const { child: baseline, port: basePort } = await startServer(
    'baseline',
    ['--import', 'tsx', 'bench/baseline.tsx'],
    BASELINE_READY,
  );
  fs.rmSync(wireFile);
  try {
    console.log(
      `GET ${TARGET}, h2 over TLS on 127.0.0.1, ${DURATION_S} s per run after 2 s warm-up, node ${process.version}, ${os.cpus().length} cores`,
    );
    console.log(
      'scenario               | wirebook req/s | baseline req/s | ratio | wirebook p99 | baseline p99 | ratio',
    );
    for (const scenario of SCENARIOS) {
      const ours = h2load(serverPort, scenario.clients, scenario.streams);
      const base = h2load(basePort, scenario.clients, scenario.streams);
      if (ours.failed || base.failed)
        console.log(`  (failed requests: wirebook ${ours.failed}, baseline ${base.failed})`);
      console.log(
        `${scenario.name.padEnd(22)} | ${ours.reqPerSec.toFixed(0).padStart(14)} | ${base.reqPerSec.toFixed(0).padStart(14)} | ${(ours.reqPerSec / base.reqPerSec).toFixed(2).padStart(5)} | ${ours.p99Ms.toFixed(2).padStart(9)} ms | ${base.p99Ms.toFixed(2).padStart(9)} ms | ${(ours.p99Ms / base.p99Ms).toFixed(2).padStart(5)}`,
      );
    }
    console.log(
      `peak RSS: wirebook ${peakRssMb(server.pid as number).toFixed(1)} MB, baseline ${peakRssMb(baseline.pid as number).toFixed(1)} MB`,
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
