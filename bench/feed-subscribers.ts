// Child process of `npm run bench:feed`: N real ws subscribers on loopback (or, for the yardstick,
// N bare idle TLS connections), spread over 127.0.0.x source addresses (the server allows a bounded
// number of sockets per address). For every event each records how long after its publication it
// arrived, and whether its ids came complete and in order.
import net from 'node:net';
import tls from 'node:tls';
import WebSocket from 'ws';
import { FEED_SUBPROTOCOL, type FeedEvent, type ServerMessage } from '../shared/feed/protocol';
import { BENCH_ORIGIN } from './processes';

const mode = process.argv[2];
const [port = 0, count = 0, perAddress = 1] = process.argv.slice(3, 6).map(Number);
/** Which route's events were published by the instance these subscribers are on: the rest crossed over. */
const LOCAL_ROUTE = process.argv[6];
const latencies: Record<'local' | 'remote', number[]> = { local: [], remote: [] };
const idsBySocket: number[][] = [];
const localAddress = (index: number) => `127.0.0.${2 + Math.floor(index / perAddress)}`;

async function subscribe(index: number): Promise<WebSocket> {
  const ws = new WebSocket(`wss://127.0.0.1:${port}/live`, [FEED_SUBPROTOCOL], {
    rejectUnauthorized: false,
    origin: BENCH_ORIGIN,
    localAddress: localAddress(index),
    perMessageDeflate: false,
  });
  const ids: number[] = [];
  idsBySocket.push(ids);
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as ServerMessage;
    if (message.type !== 'event') return;
    const { route } = (message.event as FeedEvent<'http'>).data;
    ids.push(message.event.id);
    latencies[route === LOCAL_ROUTE ? 'local' : 'remote'].push(Date.now() - message.event.time);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'subscribe', channels: ['http'] }));
  return ws;
}

function bare(index: number): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const tcp = net.connect({ host: '127.0.0.1', port, localAddress: localAddress(index) });
    const socket = tls.connect({ socket: tcp, servername: 'localhost', rejectUnauthorized: false });
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });
}

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
};

(async () => {
  const open = mode === 'bare' ? bare : subscribe;
  const sockets: { destroy?: () => void; terminate?: () => void }[] = [];
  for (let i = 0; i < count; i += 50)
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, count - i) }, (_, j) => open(i + j)))));
  process.send?.({ type: 'ready' });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'reset') {
      latencies.local.length = 0;
      latencies.remote.length = 0;
      for (const ids of idsBySocket) ids.length = 0;
    } else if (message.type === 'count') {
      process.send?.({ type: 'count', received: idsBySocket.reduce((sum, ids) => sum + ids.length, 0) });
    } else if (message.type === 'report') {
      const received = idsBySocket.reduce((sum, ids) => sum + ids.length, 0);
      const counts = idsBySocket.map((ids) => ids.length);
      const inOrder = idsBySocket.filter((ids) => ids.every((id, i) => i === 0 || id > ids[i - 1]!)).length;
      const all = [...latencies.local, ...latencies.remote];
      process.send?.({
        type: 'report',
        received,
        minPerSocket: Math.min(...counts),
        maxPerSocket: Math.max(...counts),
        inOrder,
        p50: percentile(all, 0.5),
        p99: percentile(all, 0.99),
        max: all.reduce((a, b) => Math.max(a, b), 0),
        localP99: percentile(latencies.local, 0.99),
        remoteP99: percentile(latencies.remote, 0.99),
      });
      for (const socket of sockets) (socket.terminate ?? socket.destroy)?.call(socket);
      setTimeout(() => process.exit(0), 100);
    }
  });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
