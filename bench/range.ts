// `npm run bench:range`: 32 concurrent h2 clients fetch random ranges of the 256 MB demo file, from
// the production server and, in the same run, from a bare node:http2 server sending the same bytes
// from a plain file on disk (respondWithFile). Prints throughput, p99 latency and RSS growth.
import fs from 'node:fs';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DEMO_FILES } from '../server/files/demo-files';
import { peakRssMb, rssMb, startServer, WIREBOOK_READY } from './processes';

const CLIENTS = 32;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const FILE = DEMO_FILES.get('256mb.bin')!;

async function load(port: number, urlPath: string): Promise<{ mbPerS: number; p99: number; requests: number }> {
  const latencies: number[] = [];
  let bytes = 0;
  const until = performance.now() + DURATION_S * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const session = http2.connect(`https://127.0.0.1:${port}`, { rejectUnauthorized: false });
      while (performance.now() < until) {
        const length = 64 * 1024 + Math.floor(Math.random() * 960 * 1024);
        const start = Math.floor(Math.random() * (FILE.length - length));
        const began = performance.now();
        await new Promise<void>((resolve, reject) => {
          const stream = session.request({ ':path': urlPath, range: `bytes=${start}-${start + length - 1}` });
          stream.on('response', (headers) => {
            if (headers[':status'] !== 206) reject(new Error(`status ${headers[':status']}`));
          });
          stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
          stream.on('end', resolve);
          stream.on('error', reject);
        });
        latencies.push(performance.now() - began);
      }
      session.close();
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    mbPerS: bytes / 1e6 / DURATION_S,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? NaN,
    requests: latencies.length,
  };
}

async function main() {
  const file = path.join(os.tmpdir(), `wirebook-bench-${process.pid}.bin`);
  await pipeline(FILE.stream({ start: 0, end: FILE.length - 1 }), fs.createWriteStream(file));
  const { child: ours, port: ourPort } = await startServer('wirebook', ['dist/node/server/main.js'], WIREBOOK_READY);
  // The baseline: the same bytes as a plain file, through Node's own file responder.
  const cert = fs.readFileSync(path.join(__dirname, '..', '.cert', 'localhost.crt'));
  const key = fs.readFileSync(path.join(__dirname, '..', '.cert', 'localhost.key'));
  const base = http2.createSecureServer({ cert, key });
  base.on('stream', (stream, headers) => {
    const [, a, b] = /bytes=(\d+)-(\d+)/.exec(String(headers.range)) ?? [];
    stream.respondWithFile(
      file,
      { ':status': 206, 'content-range': `bytes ${a}-${b}/${FILE.length}` },
      { offset: Number(a), length: Number(b) - Number(a) + 1 },
    );
  });
  await new Promise<void>((resolve) => base.listen(0, '127.0.0.1', resolve));
  const basePort = (base.address() as AddressInfo).port;
  try {
    const atStart = rssMb(ours.pid as number);
    await load(ourPort, '/lab/files/256mb.bin'); // computes the digest once, warms up
    const before = rssMb(ours.pid as number);
    const wirebook = await load(ourPort, '/lab/files/256mb.bin');
    const baseline = await load(basePort, '/file');
    console.log(
      `${CLIENTS} h2 clients, random single ranges of 64 KiB to 1 MiB of a 256 MB file, ${DURATION_S} s each, node ${process.version}`,
    );
    console.log(
      `wirebook: ${wirebook.mbPerS.toFixed(1)} MB/s, ${wirebook.requests} requests, p99 ${wirebook.p99.toFixed(1)} ms`,
    );
    console.log(
      `plain file (respondWithFile): ${baseline.mbPerS.toFixed(1)} MB/s, ${baseline.requests} requests, p99 ${baseline.p99.toFixed(1)} ms`,
    );
    console.log(`throughput ratio ${(wirebook.mbPerS / baseline.mbPerS).toFixed(2)}`);
    console.log(
      `wirebook RSS: ${atStart.toFixed(1)} MB at start, ${before.toFixed(1)} MB after the warm-up run, peak ${peakRssMb(ours.pid as number).toFixed(1)} MB`,
    );
  } finally {
    ours.kill('SIGTERM');
    base.close();
    fs.rmSync(file, { force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
