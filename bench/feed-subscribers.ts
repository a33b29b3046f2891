// Child process of `npm run bench:feed`: N real ws subscribers on loopback, spread over
// 127.0.0.x source addresses (the server allows a bounded number of sockets per address).
// Each records, for every event, how long after its publication it arrived.
import WebSocket from 'ws';
import { FEED_SUBPROTOCOL, type ServerMessage } from '../shared/feed/protocol';
import { BENCH_ORIGIN } from './processes';

const [port, count, perAddress] = process.argv.slice(2).map(Number);
const latencies: number[] = [];
let received = 0;

async function connect(index: number): Promise<WebSocket> {
  const ws = new WebSocket(`wss://127.0.0.1:${port}/live`, [FEED_SUBPROTOCOL], {
    rejectUnauthorized: false,
    origin: BENCH_ORIGIN,
    localAddress: `127.0.0.${2 + Math.floor(index / perAddress)}`,
    perMessageDeflate: false,
  });
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as ServerMessage;
    if (message.type !== 'event') return;
    received++;
    latencies.push(Date.now() - message.event.time);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'subscribe', channels: ['http'] }));
  return ws;
}

(async () => {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i += 50)
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => connect(i + j)))));
  process.send?.({ type: 'ready' });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'reset') {
      latencies.length = 0;
      received = 0;
    } else if (message.type === 'report') {
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
      process.send?.({ type: 'report', received, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN });
      for (const ws of sockets) ws.terminate();
      setTimeout(() => process.exit(0), 100);
    }
  });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
