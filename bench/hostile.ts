// `npm run bench:hostile`: the hostile clients of issue #17, each against a fresh `dist/` server
// process on loopback, with a well-behaved client beside it. Prints one line of figures per attack.
// HOSTILE_PORT picks the TLS port (a free one otherwise); HOSTILE_ONLY=a,b runs some attacks only.
import http2 from 'node:http2';
import net from 'node:net';
import WebSocket from 'ws';
import { FEED_SUBPROTOCOL } from '../shared/feed/protocol';
import { connectRawH2 } from '../test/helpers/raw-h2';
import { headersFrame, rstStreamFrame } from '../shared/http2/frame';
import {
  closesWithin,
  connectTls,
  maskedTextFrames,
  openFds,
  probeHealth,
  sleep,
  upgradeByHand,
  type ProbeResult,
} from '../test/helpers/hostile';
import { startMain, type MainProcess } from '../test/helpers/main-process';
import { cpuMs, rssMb } from './processes';

const PORT = process.env.HOSTILE_PORT ? Number(process.env.HOSTILE_PORT) : undefined;
const ONLY = process.env.HOSTILE_ONLY?.split(',');

const shown = (p: ProbeResult) =>
  `/healthz beside it: ${p.requests} requests, ${p.failures} failed, p99 ${p.p99Ms.toFixed(1)} ms, max ${p.maxMs.toFixed(1)} ms`;

async function withServer(env: Record<string, string>, run: (server: MainProcess) => Promise<string>) {
  const server = await startMain({
    port: PORT,
    env: { NODE_ENV: 'production', H1_PORT: 'off', HTTP_PORT: '', ...env },
  });
  try {
    return await run(server);
  } finally {
    server.child.kill('SIGKILL');
    await server.exited;
  }
}

/** 100 000 empty masked text frames in one write, then silence: the client never answers a close. */
async function webSocketFlood(server: MainProcess, path: string, protocol: string): Promise<string> {
  const socket = await upgradeByHand(server, path, protocol);
  socket.on('data', () => undefined);
  const probe = probeHealth(server);
  await sleep(200);
  const began = Date.now();
  const cpuBefore = cpuMs(server.pid);
  socket.write(maskedTextFrames(100_000));
  const closed = await closesWithin(socket, 40_000);
  const closedAfter = Date.now() - began;
  await sleep(200);
  const cpu = cpuMs(server.pid) - cpuBefore;
  const result = await probe.stop();
  socket.destroy();
  return `${path} flood of 100 000 frames (600 KB): socket ${closed ? `closed after ${closedAfter} ms` : 'still open after 40 s'}, server CPU ${cpu} ms (the probe's included); ${shown(result)}`;
}

/** 50 h2 requests whose :method is 60 KB of one letter, then what a page and a feed reader get. */
async function typedMethod(server: MainProcess): Promise<string> {
  const reader = new WebSocket(`wss://localhost:${server.port}/live`, [FEED_SUBPROTOCOL], {
    ca: server.cert,
    origin: server.publicOrigin,
  });
  let feedBytes = 0;
  reader.on('message', (data: Buffer) => (feedBytes += data.length));
  await new Promise((resolve) => reader.once('open', resolve));
  reader.send(JSON.stringify({ type: 'subscribe', channels: ['http'] }));
  await sleep(300);
  feedBytes = 0;
  const method = 'Q'.repeat(60_000);
  const session = http2.connect(server.origin, { ca: server.cert, maxHeaderListPairs: 1000 });
  session.on('error', () => undefined);
  await Promise.all(
    Array.from(
      { length: 50 },
      () =>
        new Promise<void>((resolve) => {
          const stream = session.request({ ':method': method, ':path': '/healthz' });
          stream.on('error', () => resolve());
          stream.on('close', () => resolve());
          stream.resume();
          stream.end();
        }),
    ),
  );
  await sleep(500);
  const page = await new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    const stream = session.request({ ':path': '/en/http2', 'accept-encoding': 'identity' });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString()));
  });
  session.close();
  reader.close();
  const copies = page.split(method).length - 1;
  return `50 h2 requests with a 60 KB :method: /en/http2 is ${(page.length / 1024).toFixed(0)} KB carrying the method ${copies} times; a feed reader received ${(feedBytes / 1024).toFixed(0)} KB`;
}

/** 2000 idle h2 connections, and ten each of the idle kinds the issue lists, left alone for a while. */
async function idleConnections(server: MainProcess): Promise<string> {
  const waitS = Number(process.env.HOSTILE_IDLE_WAIT_S ?? 40);
  await sleep(500);
  const before = rssMb(server.pid);
  const fdsBefore = openFds(server.pid);
  const sessions: http2.ClientHttp2Session[] = [];
  for (let i = 0; i < 2000; i += 100) {
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        const session = http2.connect(server.origin, { ca: server.cert });
        session.on('error', () => undefined);
        await new Promise<void>((resolve) => {
          session.once('connect', () => resolve());
          session.once('close', () => resolve());
        });
        sessions.push(session);
      }),
    );
  }
  await sleep(1000);
  const opened = rssMb(server.pid);
  const open = () => sessions.filter((s) => !s.closed && !s.destroyed).length;
  const openAtFirst = open();
  const fdsWithH2 = openFds(server.pid);
  // Ten of each other kind; the server's file descriptors tell whether it let go of them.
  const others = await Promise.all(
    Array.from({ length: 10 }, async () => {
      const h1 = await connectTls(server, 'http/1.1');
      h1.write(`GET /healthz HTTP/1.1\r\nHost: localhost:${server.port}\r\n\r\n`);
      h1.on('data', () => undefined);
      const raw = net.connect(server.port, '127.0.0.1');
      raw.on('error', () => undefined);
      const refused = await connectTls(server, 'http/1.1');
      refused.write(
        `GET /live HTTP/1.1\r\nHost: localhost:${server.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: https://elsewhere.example\r\n\r\n`,
      );
      refused.pause(); // never reads the 403, never closes
      return [h1, raw, refused];
    }),
  );
  await sleep(500);
  const fdsAllOpen = openFds(server.pid);
  await sleep(waitS * 1000);
  const stillOpen = open();
  const after = rssMb(server.pid);
  const fdsAfter = openFds(server.pid);
  for (const s of sessions) s.destroy();
  for (const s of others.flat()) s.destroy();
  return (
    `2000 idle h2 connections: ${openAtFirst} open a second later (RSS +${(opened - before).toFixed(0)} MB, ` +
    `${(((opened - before) * 1024) / Math.max(1, openAtFirst)).toFixed(0)} KB each), ${stillOpen} still open after ${waitS} s ` +
    `(RSS ${after.toFixed(0)} MB, ${before.toFixed(0)} MB before them); server fds: ${fdsBefore} before, ${fdsWithH2} with the h2 ones, ` +
    `${fdsAllOpen} with 10 each of keep-alive HTTP/1.1, TCP without TLS and sockets after a refused upgrade (unread), ${fdsAfter} after ${waitS} s`
  );
}

/** SIGTERM while one TCP connection sits before its TLS handshake. */
async function sigtermBeforeHandshake(server: MainProcess): Promise<string> {
  const raw = net.connect(server.port, '127.0.0.1');
  raw.on('error', () => undefined);
  await new Promise((resolve) => raw.once('connect', resolve));
  await sleep(200);
  const began = Date.now();
  server.child.kill('SIGTERM');
  const code = await Promise.race([server.exited, sleep(40_000).then(() => 'still running')]);
  const took = Date.now() - began;
  raw.destroy();
  return `SIGTERM with one TCP connection before its TLS handshake: ${code === 'still running' ? 'still alive after 40 s' : `exited ${code} after ${took} ms`}`;
}

/** 4000 streams each reset right after its HEADERS, in one connection: CPU the server spent. */
async function rapidReset(server: MainProcess, path: string): Promise<{ cpu: number; events: number }> {
  const reader = new WebSocket(`wss://localhost:${server.port}/live`, [FEED_SUBPROTOCOL], {
    ca: server.cert,
    origin: server.publicOrigin,
  });
  let events = 0;
  reader.on('message', (data: Buffer) => {
    if (String(data).startsWith('{"type":"event"')) events++;
  });
  await new Promise((resolve) => reader.once('open', resolve));
  reader.send(JSON.stringify({ type: 'subscribe', channels: ['h2', 'http'] }));
  await sleep(300);
  const client = await connectRawH2(server);
  await sleep(200);
  events = 0;
  const before = cpuMs(server.pid);
  for (let batch = 0; batch < 40; batch++) {
    const frames: Uint8Array[] = [];
    for (let i = 0; i < 100; i++) {
      const id = 1 + 2 * (batch * 100 + i);
      frames.push(headersFrame(id, client.block('GET', path), { endStream: true }), rstStreamFrame(id));
    }
    client.socket.write(Buffer.concat(frames));
    await sleep(20);
  }
  await sleep(2000);
  const cpu = cpuMs(server.pid) - before;
  client.socket.destroy();
  reader.close();
  return { cpu, events };
}

/** A digest's cost on the event loop: /healthz beside the first HEAD of 256mb.bin, and a new changing version. */
async function digests(server: MainProcess): Promise<string> {
  const session = http2.connect(server.origin, { ca: server.cert });
  session.on('error', () => undefined);
  const request = (headers: http2.OutgoingHttpHeaders) =>
    new Promise<number>((resolve) => {
      const stream = session.request(headers);
      stream.on('response', (h) => resolve(Number(h[':status'])));
      stream.on('error', () => resolve(0));
      stream.resume();
      stream.end();
    });
  const measure = async (what: () => Promise<unknown>) => {
    const probe = probeHealth(server, 5);
    await sleep(300);
    await what();
    await sleep(300);
    return probe.stop();
  };
  const fixed = await measure(() => request({ ':method': 'HEAD', ':path': '/lab/files/256mb.bin' }));
  const reader = 'hostile-reader-0123456789';
  const changing = await measure(async () => {
    await request({ ':method': 'POST', ':path': `/lab/changing/${reader}` });
    await request({ ':method': 'HEAD', ':path': `/lab/changing/${reader}` });
  });
  const statuses: number[] = [];
  for (let i = 0; i < 30; i++) statuses.push(await request({ ':method': 'POST', ':path': `/lab/changing/${reader}` }));
  session.close();
  const counts = Object.entries(
    statuses.reduce<Record<number, number>>((c, s) => ({ ...c, [s]: (c[s] ?? 0) + 1 }), {}),
  ).map(([s, n]) => `${n}×${s}`);
  return `first HEAD of 256mb.bin: ${shown(fixed)}; POST + HEAD of a new changing version: ${shown(changing)}; 30 POSTs by one reader at once: ${counts.join(', ')}`;
}

const ATTACKS: Record<string, () => Promise<string>> = {
  'ws-echo': () => withServer({}, (s) => webSocketFlood(s, '/lab/echo', 'chat')),
  'ws-live': () => withServer({}, (s) => webSocketFlood(s, '/live', FEED_SUBPROTOCOL)),
  method: () => withServer({}, typedMethod),
  idle: () => withServer({}, idleConnections),
  sigterm: () => withServer({}, sigtermBeforeHandshake),
  reset: () =>
    withServer({}, async (s) => {
      const health = await rapidReset(s, '/healthz');
      const page = await rapidReset(s, '/en/http2');
      return `4000 reset streams: /healthz cost ${health.cpu} ms CPU and ${health.events} feed events; /en/http2 cost ${page.cpu} ms CPU (${(page.cpu / Math.max(1, health.cpu)).toFixed(1)}×) and ${page.events} feed events`;
    }),
  digest: () => withServer({}, digests),
};

(async () => {
  for (const [name, attack] of Object.entries(ATTACKS)) {
    if (ONLY && !ONLY.includes(name)) continue;
    console.log(`${name}: ${await attack()}`);
  }
})().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
