import http2 from 'node:http2';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createApp } from '../../server/app';
import type { FeedLimits } from '../../server/feed/feed-server';
import { LiveWire } from '../../server/feed/live-wire';
import { loadClientBuild } from '../../server/client-build';
import { createLogger, type Logger } from '../../server/logger';
import { CLIENT_BUILD_DIR, PAGES_CODE_DIR, PAGES_DIR } from '../../server/paths';
import { closeH1Server, createH1Server } from '../../server/h1-server';
import { createSecureServer } from '../../server/secure-server';
import type { LabSettings } from '../../shared/page';
import { loadSite } from '../../server/site';
import { generateLocalhostCertificate, type TlsMaterial } from '../../server/tls';

export interface TestServer {
  origin: string;
  port: number;
  /** The certificate the server presents, for clients to trust. */
  cert: string;
  /** What the server logged, one parsed JSON object per line. */
  logs: Record<string, unknown>[];
  wire: LiveWire;
  /** The HTTP/1.1-only TLS port of the waterfall lab. */
  h1Port: number;
  close(): Promise<void>;
}

export interface TestServerOptions {
  pagesDir?: string;
  renderDeadlineMs?: number;
  feedLimits?: Partial<FeedLimits>;
  bufferSize?: number;
  tileDelayMs?: number;
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

/** The real app on the real TLS server, on a free port of 127.0.0.1, with the built client. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const tls = await testCertificate();
  const logs: Record<string, unknown>[] = [];
  const pagesDir = options.pagesDir ?? PAGES_DIR;
  let origin = '';
  const logger = captureLogger(logs);
  const site = loadSite({ pagesDir, pagesCodeDir: options.pagesDir ?? PAGES_CODE_DIR });
  const wire = new LiveWire({
    isAllowedOrigin: (candidate) => candidate === origin,
    isPage: (slug) => site.find(slug) !== undefined,
    logger,
    limits: options.feedLimits,
    bufferSize: options.bufferSize,
  });
  const labs: LabSettings = { h1Port: null, tileDelayMs: options.tileDelayMs ?? 20 };
  const app = createApp({
    site,
    wire,
    build: loadClientBuild(CLIENT_BUILD_DIR),
    logger,
    publicOrigin: 'https://wirebook.test',
    renderDeadlineMs: options.renderDeadlineMs ?? 3000,
    labs,
    ownAddress: () => ({ host: '127.0.0.1', port: (secure.server.address() as AddressInfo).port }),
  });
  const secure = createSecureServer(app, tls);
  wire.attach(secure);
  await new Promise<void>((resolve) => secure.server.listen(0, '127.0.0.1', resolve));
  const { port } = secure.server.address() as AddressInfo;
  origin = `https://localhost:${port}`;
  wire.watchSockets(port, 100);
  const h1 = createH1Server(tls, labs, logger);
  await new Promise<void>((resolve) => h1.listen(0, '127.0.0.1', resolve));
  labs.h1Port = (h1.address() as AddressInfo).port;
  return {
    origin,
    port,
    cert: tls.cert,
    logs,
    wire,
    h1Port: labs.h1Port,
    close: () => {
      wire.close();
      return Promise.all([closeH1Server(h1, 1000), secure.shutdown(1000, wire.serverClosesSession)]).then(
        () => undefined,
      );
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http2.IncomingHttpHeaders;
  /** Interim (1xx) responses received before the final one, with ':status' among their headers. */
  informational: Record<string, unknown>[];
  body: Buffer;
}

/** One request over a real HTTP/2 connection, exposing what supertest hides (103s, raw paths). */
export async function h2Request(server: TestServer, headers: http2.OutgoingHttpHeaders): Promise<RawResponse> {
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
