import fs from 'node:fs';
import http2 from 'node:http2';
import type net from 'node:net';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import { encodeFrame, OPCODE } from '../../shared/websocket/frame';

/** Where a hostile client connects: the TLS port and the certificate to trust. */
export interface Target {
  port: number;
  cert: string;
  /** The Origin the server lets open its feed; https://localhost:<port> when absent. */
  publicOrigin?: string;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TLS connection to the target, offering only `alpn`, resolved once the handshake is done. */
export function connectTls(target: Target, alpn: string, options: tls.ConnectionOptions = {}): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: '127.0.0.1',
      port: target.port,
      servername: 'localhost',
      ca: target.cert,
      ALPNProtocols: [alpn],
      ...options,
    });
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * A WebSocket opening handshake written by hand over HTTP/1.1; resolves with the socket once the
 * server's 101 head has arrived, so the caller owns every byte that follows.
 */
export async function upgradeByHand(
  target: Target,
  path: string,
  protocol: string,
  options: tls.ConnectionOptions = {},
): Promise<tls.TLSSocket> {
  const socket = await connectTls(target, 'http/1.1', options);
  socket.write(
    [
      `GET ${path} HTTP/1.1`,
      `Host: localhost:${target.port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      `Sec-WebSocket-Protocol: ${protocol}`,
      `Origin: ${target.publicOrigin ?? `https://localhost:${target.port}`}`,
      '',
      '',
    ].join('\r\n'),
  );
  await new Promise<void>((resolve, reject) => {
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
  return socket;
}

/** `count` masked text frames, each `payload` long, in one buffer. */
export function maskedTextFrames(count: number, payload = new Uint8Array(0)): Buffer {
  const frame = encodeFrame({ opcode: OPCODE.text, payload, maskingKey: Uint8Array.of(1, 2, 3, 4) });
  return Buffer.concat(Array.from({ length: count }, () => frame));
}

/** Whether a /healthz body is whole and says ok. */
function isHealthy(body: string): boolean {
  try {
    return (JSON.parse(body) as { status?: string }).status === 'ok';
  } catch {
    return false;
  }
}

export interface ProbeResult {
  requests: number;
  failures: number;
  /** Why they failed: a status, an error code, or an incomplete body. */
  reasons: string[];
  /** New connections it opened after the server closed one (idle, GOAWAY). */
  reconnects: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * A well-behaved client beside the attack: one h2 connection asking for /healthz one request after
 * another (at most every `intervalMs`), each checked for a complete 200 and timed.
 */
export function probeHealth(
  target: Target,
  intervalMs = 10,
): { stop(): Promise<ProbeResult>; /** The p99 of the latencies since the last call. */ phaseP99(): number } {
  const latencies: number[] = [];
  let failures = 0;
  const reasons: string[] = [];
  const fail = (reason: string) => {
    failures++;
    if (reasons.length < 10) reasons.push(reason);
  };
  let running = true;
  let reconnects = 0;
  // Like a browser: a connection the server has closed (GOAWAY, idle) is replaced by a new one, and
  // a request the server refused unprocessed (REFUSED_STREAM, RFC 9113 §8.7) is retried on it once.
  let session: http2.ClientHttp2Session | null = null;
  const current = () => {
    if (session && !session.closed && !session.destroyed) return session;
    if (session) reconnects++;
    session = http2.connect(`https://localhost:${target.port}`, { ca: target.cert });
    session.on('error', () => undefined);
    session.on('goaway', () => session?.close());
    return session;
  };
  const one = (retry = true) =>
    new Promise<void>((resolve) => {
      const began = performance.now();
      const stream = current().request({ ':path': '/healthz' });
      let status = 0;
      let body = '';
      stream.on('response', (headers) => (status = Number(headers[':status'])));
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (body += chunk));
      stream.on('end', () => {
        if (status === 200 && isHealthy(body)) latencies.push(performance.now() - began);
        else fail(`${status} ${body.slice(0, 40)}`);
        resolve();
      });
      stream.on('error', (error: NodeJS.ErrnoException) => {
        if (retry && stream.rstCode === http2.constants.NGHTTP2_REFUSED_STREAM) return void one(false).then(resolve);
        fail(`${error.code ?? error.message} (RST_STREAM ${stream.rstCode})`);
        resolve();
      });
    });
  const loop = (async () => {
    while (running) {
      const began = performance.now();
      await one();
      await sleep(Math.max(0, intervalMs - (performance.now() - began)));
    }
  })();
  let phaseStart = 0;
  const p99 = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? NaN;
  };
  return {
    phaseP99() {
      const phase = latencies.slice(phaseStart);
      phaseStart = latencies.length;
      return p99(phase);
    },
    async stop() {
      running = false;
      await loop;
      (session as http2.ClientHttp2Session | null)?.close();
      return {
        requests: latencies.length + failures,
        failures,
        reasons,
        reconnects,
        p99Ms: p99(latencies),
        maxMs: Math.max(...latencies),
      };
    },
  };
}

/** Resolves true if the socket is closed (by either side) within `ms`. */
export function closesWithin(socket: net.Socket, ms: number): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** File descriptors a process holds open now: one per socket it has not let go of, among others. */
export function openFds(pid: number): number {
  return fs.readdirSync(`/proc/${pid}/fd`).length;
}

/**
 * Whether process `pid` still holds the server end of the connection from `clientPort`: the kernel's
 * socket table names the inode of the end at (serverPort, clientPort), and the process's file
 * descriptors say whether one of them is that socket. Works while the client is not reading,
 * when it could not notice a close itself.
 */
export function holdsConnection(pid: number, serverPort: number, clientPort: number): boolean {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  const row = new RegExp(`^\\s*\\d+:\\s+[0-9A-F]+:${hex(serverPort)}\\s+[0-9A-F]+:${hex(clientPort)}\\s`, 'i');
  const inodes = ['/proc/net/tcp', '/proc/net/tcp6']
    .flatMap((file) => fs.readFileSync(file, 'utf8').split('\n'))
    .filter((line) => row.test(line))
    .map((line) => line.trim().split(/\s+/)[9]);
  if (inodes.length === 0) return false;
  const held = new Set(fs.readdirSync(`/proc/${pid}/fd`).map((fd) => safeReadlink(`/proc/${pid}/fd/${fd}`)));
  return inodes.some((inode) => held.has(`socket:[${inode}]`));
}

function safeReadlink(path: string): string {
  try {
    return fs.readlinkSync(path);
  } catch {
    return ''; // closed between the listing and the read
  }
}

/** Resolves true once `pid` no longer holds the server end of the connection from `clientPort`, false after `ms`. */
export async function releasedWithin(
  pid: number,
  serverPort: number,
  clientPort: number,
  ms: number,
): Promise<boolean> {
  for (const until = performance.now() + ms; performance.now() < until; await sleep(100))
    if (!holdsConnection(pid, serverPort, clientPort)) return true;
  return !holdsConnection(pid, serverPort, clientPort);
}
