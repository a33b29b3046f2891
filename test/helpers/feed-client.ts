import WebSocket from 'ws';
import { FEED_SUBPROTOCOL, type ServerMessage, type SubscribeMessage } from '../../shared/feed/protocol';
import type { TestServer } from './test-server';
import { ENDPOINTS } from '../../shared/endpoints';

export interface FeedConnection {
  ws: WebSocket;
  messages: ServerMessage[];
  /** Resolves with the first message (already received or yet to come) that matches. */
  next<T extends ServerMessage>(match: (message: ServerMessage) => message is T, timeoutMs?: number): Promise<T>;
  nextWhere(match: (message: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  subscribe(message: Omit<SubscribeMessage, 'type'>): void;
  closed: Promise<{ code: number; reason: string }>;
}

export interface FeedOptions {
  origin?: string;
  protocols?: string[];
  path?: string;
  wsOptions?: WebSocket.ClientOptions;
}

/** A real ws client on the test server's /live, trusting its certificate. */
export function openFeed(
  server: Pick<TestServer, 'port' | 'cert' | 'origin'>,
  options: FeedOptions = {},
): Promise<FeedConnection> {
  const ws = new WebSocket(
    `wss://localhost:${server.port}${options.path ?? ENDPOINTS.feed}`,
    options.protocols ?? [FEED_SUBPROTOCOL],
    {
      ca: server.cert,
      origin: options.origin ?? server.origin,
      ...options.wsOptions,
    },
  );
  const messages: ServerMessage[] = [];
  const waiters: { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as ServerMessage;
    messages.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.match(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const nextWhere = (match: (m: ServerMessage) => boolean, timeoutMs = 3000) =>
    new Promise<ServerMessage>((resolve, reject) => {
      const found = messages.find(match);
      if (found) return resolve(found);
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching feed message within ${timeoutMs} ms; got ${messages.length}: ${messages.map((m) => m.type).join(', ')}; the last: ${JSON.stringify(messages.at(-1)).slice(0, 400)}`,
            ),
          ),
        timeoutMs,
      );
      waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        ws,
        messages,
        next: nextWhere as FeedConnection['next'],
        nextWhere,
        subscribe: (message) => ws.send(JSON.stringify({ type: 'subscribe', ...message })),
        closed,
      }),
    );
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk));
      res.on('end', () =>
        reject(
          Object.assign(new Error(`HTTP ${res.statusCode}: ${body.trim()}`), {
            status: res.statusCode,
            headers: res.headers,
            body,
          }),
        ),
      );
    });
    ws.once('error', reject);
  });
}

export const isType =
  <K extends ServerMessage['type']>(type: K) =>
  (message: ServerMessage): message is Extract<ServerMessage, { type: K }> =>
    message.type === type;
