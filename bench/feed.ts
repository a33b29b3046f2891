// `npm run bench:feed`: N subscribers on loopback receive the live wire while one h2 client makes
// real requests at a fixed rate (each response is one event on the 'http' channel). Prints
// delivered events/s, p50/p99 delivery latency, and the server's memory per idle subscriber.
import { fork } from 'node:child_process';
import http2 from 'node:http2';
import path from 'node:path';
import { peakRssMb, rssMb, startServer, WIREBOOK_READY } from './processes';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 500);
const RATE = Number(process.env.BENCH_EVENTS_PER_S ?? 50);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const PER_ADDRESS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const { child: server, port } = await startServer('wirebook', ['dist/node/server/main.js'], WIREBOOK_READY);
  const pid = server.pid as number;
  const session = http2.connect(`https://127.0.0.1:${port}`, { rejectUnauthorized: false });
  const get = () =>
    new Promise<void>((resolve) => session.request({ ':path': '/healthz' }).on('end', resolve).resume());
  try {
    for (let i = 0; i < 200; i++) await get(); // warm up the server before measuring its memory
    await sleep(1000);
    const before = rssMb(pid);
    const subscribers = fork(
      path.join(__dirname, 'feed-subscribers.ts'),
      [String(port), String(SUBSCRIBERS), String(PER_ADDRESS)],
      { execArgv: ['--import', 'tsx'] },
    );
    const next = (type: string) =>
      new Promise<Record<string, number>>((resolve) =>
        subscribers.on('message', (m: { type: string }) => m.type === type && resolve(m as never)),
      );
    await next('ready');
    await sleep(2000);
    const idle = rssMb(pid);
    subscribers.send({ type: 'reset' });

    const interval = 1000 / RATE;
    const started = performance.now();
    let sent = 0;
    while (performance.now() - started < DURATION_S * 1000) {
      void get();
      sent++;
      const due = started + sent * interval;
      await sleep(Math.max(0, due - performance.now()));
    }
    const elapsed = (performance.now() - started) / 1000;
    await sleep(1000); // let the last events arrive
    subscribers.send({ type: 'report' });
    const report = await next('report');

    console.log(
      `${SUBSCRIBERS} subscribers on 127.0.0.x, ${RATE} events/s published for ${DURATION_S} s (${sent} events), node ${process.version}`,
    );
    console.log(
      `delivered: ${report.received} events, ${(report.received / elapsed).toFixed(0)} events/s (expected ${((SUBSCRIBERS * sent) / elapsed).toFixed(0)})`,
    );
    console.log(`delivery latency: p50 ${report.p50} ms, p99 ${report.p99} ms, max ${report.max} ms`);
    console.log(
      `server RSS: ${before.toFixed(1)} MB before, ${idle.toFixed(1)} MB with ${SUBSCRIBERS} idle subscribers: ${(((idle - before) * 1024) / SUBSCRIBERS).toFixed(1)} KB per idle subscriber; peak ${peakRssMb(pid).toFixed(1)} MB`,
    );
  } finally {
    session.close();
    server.kill('SIGTERM');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
