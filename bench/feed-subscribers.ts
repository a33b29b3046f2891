// Child process of `npm run bench:feed`: N WebSocket subscribers on loopback (or, for the yardstick,
// N bare idle TLS connections), spread over 127.0.0.x source addresses (the server allows a bounded
// number of sockets per address). For every event each records how long after its publication it
// arrived, and whether its ids came complete and in order.
//
// The subscribers share the machine's cores with the servers they measure, so each is a WebSocket
// client written on the site's own frame codec rather than `ws`: it does what a correct client must
// (the opening handshake, frame headers, fragments joined, pings answered, its own frames masked)
// and no more, so that less of the CPU goes to measuring.
import net from 'node:net';
import tls from 'node:tls';
import { FEED_SUBPROTOCOL, type FeedEvent, type ServerMessage } from '../shared/feed/protocol';
import { decodeFrameHeader, encodeFrame, OPCODE } from '../shared/websocket/frame';
import { upgradeByHand } from '../test/helpers/hostile';
import { BENCH_ORIGIN } from './processes';

const mode = process.argv[2];
const [port = 0, count = 0, perAddress = 1] = process.argv.slice(3, 6).map(Number);
/** Which route's events were published by the instance these subscribers are on: the rest crossed over. */
const LOCAL_ROUTE = process.argv[6];
const latencies: Record<'local' | 'remote', number[]> = { local: [], remote: [] };
const idsBySocket: number[][] = [];
const localAddress = (index: number) => `127.0.0.${2 + Math.floor(index / perAddress)}`;
const MASKING_KEY = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);

/** A client's frame: masked, as RFC 6455 §5.3 requires of every frame a client sends. */
const clientFrame = (opcode: number, payload: Uint8Array) => encodeFrame({ opcode, payload, maskingKey: MASKING_KEY });

/**
 * Reads a server's frames from the socket's bytes: each complete text message goes to `onText`
 * (fragments joined), pings are answered with pongs, a close ends the socket.
 */
function readMessages(socket: tls.TLSSocket, onText: (payload: Buffer) => void): void {
  let pending: Buffer | null = null;
  let fragments: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => {
    const bytes = pending ? Buffer.concat([pending, chunk]) : chunk;
    pending = null;
    let offset = 0;
    while (offset < bytes.length) {
      const decoded = decodeFrameHeader(bytes.subarray(offset));
      const end = decoded.complete ? offset + decoded.header.headerSize + decoded.header.payloadLength : Infinity;
      if (!decoded.complete || end > bytes.length) {
        pending = bytes.subarray(offset);
        return;
      }
      const { opcode, fin, headerSize } = decoded.header;
      const payload = bytes.subarray(offset + headerSize, end);
      offset = end;
      if (opcode === OPCODE.ping) socket.write(clientFrame(OPCODE.pong, payload));
      else if (opcode === OPCODE.close) socket.end();
      else if (!fin) fragments.push(payload);
      else if (fragments.length === 0) onText(payload);
      else {
        onText(Buffer.concat([...fragments, payload]));
        fragments = [];
      }
    }
  });
}

async function subscribe(index: number): Promise<tls.TLSSocket> {
  const socket = await upgradeByHand({ port, cert: '', publicOrigin: BENCH_ORIGIN }, '/live', FEED_SUBPROTOCOL, {
    ca: undefined,
    rejectUnauthorized: false,
    socket: net.connect({ host: '127.0.0.1', port, localAddress: localAddress(index) }),
  });
  const ids: number[] = [];
  idsBySocket.push(ids);
  readMessages(socket, (payload) => {
    const message = JSON.parse(payload.toString()) as ServerMessage;
    if (message.type !== 'event') return;
    const { route } = (message.event as FeedEvent<'http'>).data;
    ids.push(message.event.id);
    latencies[route === LOCAL_ROUTE ? 'local' : 'remote'].push(Date.now() - message.event.time);
  });
  socket.write(clientFrame(OPCODE.text, Buffer.from(JSON.stringify({ type: 'subscribe', channels: ['http'] }))));
  return socket;
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
  const sockets: tls.TLSSocket[] = [];
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
      for (const socket of sockets) socket.destroy();
      setTimeout(() => process.exit(0), 100);
    }
  });
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
