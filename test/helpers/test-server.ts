import http2 from 'node:http2';
import https from 'node:https';
import { Writable } from 'node:stream';
import type { FeedLimits } from '../../server/feed/feed-server';
import type { FeedEvent } from '../../shared/feed/protocol';
import type { LiveWire } from '../../server/feed/live-wire';
import { openInstanceState, type InstanceState, type InstanceStateOptions } from '../../server/instance-state';
import { createLogger, type Logger } from '../../server/logger';
import { generateLocalhostCertificate, type TlsMaterial } from '../../server/tls';
import { DEFAULT_CONNECTION_LIMITS } from '../../server/connection-gate';
import { createWirebook } from '../../server/wirebook';

export interface TestServer {
  origin: string;
  port: number;
  /** The certificate the server presents, for clients to trust. */
  cert: string;
  /** What the server logged, one parsed JSON object per line. */
  logs: Record<string, unknown>[];
  wire: LiveWire;
  /** The feed hub, view tokens and changing files: in memory, or shared through Redis. */
  state: InstanceState;
  /** The HTTP/1.1-only TLS port of the waterfall lab. */
  h1Port: number;
  close(): Promise<void>;
}

export interface TestServerOptions {
  pagesDir?: string;
  renderDeadlineMs?: number;
  shedLagMs?: number;
  feedLimits?: Partial<FeedLimits>;
  bufferSize?: number;
  tileDelayMs?: number;
  /** Share state through this Redis (a real redis-server the test started), as REDIS_URL does. */
  redisUrl?: string;
  /** Tuning of the Redis hub, so expiry and stalls show within a test's time. */
  redisHub?: InstanceStateOptions['hub'];
  /** As `npm run dev` serves: pages load the reload script, and the reload stream is served. */
  devReload?: boolean;
}

let certificate: Promise<TlsMaterial> | null = null;
/** One generated certificate per test file. */
export function testCertificate(): Promise<TlsMaterial> {
  certificate ??= generateLocalhostCertificate();
  return certificate;
}

function captureLogger(logs: Record<string, unknown>[]): Logger {
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      callback();
    },
  });
  return createLogger('info', sink);
}

/** The real server (createWirebook, as main.ts builds it) on free ports of 127.0.0.1, with the built client. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const logs: Record<string, unknown>[] = [];
  const logger = captureLogger(logs);
  const state = await openInstanceState({
    redisUrl: options.redisUrl ?? null,
    logger,
    bufferSize: options.bufferSize,
    hub: options.redisHub,
  });
  const wirebook = createWirebook({
    config: {
      host: '127.0.0.1',
      port: 0,
      httpPort: null,
      h1Port: 0,
      publicOrigin: 'https://wirebook.test',
      feedOrigins: [],
      renderDeadlineMs: options.renderDeadlineMs ?? 3000,
      shedLagMs: options.shedLagMs ?? null,
      tileDelayMs: options.tileDelayMs ?? 20,
      connections: DEFAULT_CONNECTION_LIMITS,
    },
    tls: await testCertificate(),
    logger,
    pagesDir: options.pagesDir,
    feedLimits: options.feedLimits,
    state,
    socketWatchIntervalMs: 100,
    devReload: options.devReload,
    // Test clients open the feed from the origin they reach the server at.
    isAllowedFeedOrigin: (origin, port) => origin === `https://localhost:${port}`,
  });
  const { port, h1Port } = await wirebook.listen();
  return {
    origin: `https://localhost:${port}`,
    port,
    cert: (await testCertificate()).cert,
    logs,
    wire: wirebook.wire,
    state,
    h1Port: h1Port as number,
    close: () => wirebook.close(1000).then(() => state.close()),
  };
}

/**
 * The next event on the server's live wire that `matches`, among those published from this call on:
 * what a test waits for instead of sleeping while the server notices something (a stream reset, a
 * request arriving). Rejects after `timeoutMs`.
 */
export function nextWireEvent(
  server: TestServer,
  matches: (event: FeedEvent) => boolean,
  timeoutMs = 5000,
): Promise<FeedEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching event on the wire within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = server.wire.hub.subscribe((event) => {
      if (!matches(event)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(event);
    });
  });
}

export interface RawResponse {
  status: number;
  headers: http2.IncomingHttpHeaders;
  /** Interim (1xx) responses received before the final one, with ':status' among their headers. */
  informational: Record<string, unknown>[];
  body: Buffer;
}

/** One request over a real HTTP/2 connection, exposing what supertest hides (103s, raw paths). */
export async function h2Request(
  server: Pick<TestServer, 'origin' | 'cert'>,
  headers: http2.OutgoingHttpHeaders,
): Promise<RawResponse> {
  const session = http2.connect(server.origin, { ca: server.cert });
  try {
    return await new Promise<RawResponse>((resolve, reject) => {
      const informational: Record<string, unknown>[] = [];
      const stream = session.request({ ':method': 'GET', ...headers });
      stream.on('headers', (interim) => informational.push(interim));
      stream.on('error', reject);
      stream.on('response', (response) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () =>
          resolve({
            status: Number(response[':status']),
            headers: response,
            informational,
            body: Buffer.concat(chunks),
          }),
        );
      });
      stream.end();
    });
  } finally {
    session.close();
  }
}

/** One HTTP/1.1 request with exactly the headers given (supertest would rewrite Host). */
export function h1Request(server: TestServer, path: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const informational: Record<string, unknown>[] = [];
    const req = https.request(
      { host: '127.0.0.1', port: server.port, path, headers, ca: server.cert, servername: 'localhost', agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, informational, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('information', (info) => informational.push({ ...info.headers, ':status': info.statusCode }));
    req.on('error', reject);
    req.end();
  });
}
