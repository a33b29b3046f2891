import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { AddressCounts } from '../connection-gate';
import { TokenBucket } from '../token-bucket';

/** What every WebSocket endpoint of the site allows (the feed and the echo lab alike). */
export interface SocketLimits {
  /** A bigger message closes the socket with 1009. */
  maxMessageBytes: number;
  maxSockets: number;
  maxSocketsPerAddress: number;
  /** More messages than this within `rateWindowMs` close the socket with 1008. */
  maxMessagesPerWindow: number;
  rateWindowMs: number;
  /** Ping interval; a socket that has not answered the previous ping by the next is terminated. */
  heartbeatMs: number;
}

export interface Refusal {
  status: 403 | 404 | 429 | 503;
  message: string;
  headers?: Record<string, string>;
}

interface Tracked {
  alive: boolean;
  rate: TokenBucket;
}

/**
 * How long a socket the server is closing may take to answer the close frame before it is
 * terminated. Its reading is paused meanwhile, so nothing it sends costs anything.
 */
const CLOSE_TIMEOUT_MS = 2000;

/** The payload of the heartbeat's pings: only a pong that echoes it shows the peer is reading. */
const HEARTBEAT = Buffer.from('wirebook-heartbeat');

/**
 * The guards of one WebSocket endpoint: who may upgrade (origin, sockets per address and in total),
 * how fast a socket may send, and the heartbeat that ends sockets which stop answering pings.
 * The client address is only a counter key here; it is never published.
 */
export class SocketGuard {
  private readonly sockets = new Map<WebSocket, Tracked>();
  private readonly perAddress = new AddressCounts();
  private readonly heartbeat: NodeJS.Timeout;
  private closing = false;

  constructor(
    private readonly limits: SocketLimits,
    private readonly isAllowedOrigin: (origin: string) => boolean,
  ) {
    this.heartbeat = setInterval(() => this.beat(), limits.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Why this upgrade request is refused, or null to let it through. */
  admit(req: IncomingMessage): Refusal | null {
    if (this.closing) return { status: 503, message: 'The server is shutting down' };
    const origin = req.headers.origin;
    if (!origin || !this.isAllowedOrigin(origin))
      return { status: 403, message: 'Forbidden: this origin may not open a WebSocket here' };
    if (this.sockets.size >= this.limits.maxSockets)
      return {
        status: 429,
        message: 'Too many sockets on this server; try again later',
        headers: { 'Retry-After': '10' },
      };
    if (this.perAddress.of(req.socket.remoteAddress) >= this.limits.maxSocketsPerAddress) {
      return {
        status: 429,
        message: 'Too many sockets from your address; close a tab and try again',
        headers: { 'Retry-After': '10' },
      };
    }
    return null;
  }

  /** Counts an accepted socket until it closes, and answers its pongs. */
  track(ws: WebSocket, req: IncomingMessage): void {
    const tracked: Tracked = {
      alive: true,
      rate: new TokenBucket(this.limits.maxMessagesPerWindow, this.limits.rateWindowMs, Date.now()),
    };
    this.sockets.set(ws, tracked);
    const { release } = this.perAddress.add(req.socket.remoteAddress);
    ws.on('pong', (data) => {
      if (HEARTBEAT.equals(data)) tracked.alive = true;
    });
    // ws closes the socket itself on a protocol error (1002) or an oversized message (1009), then
    // waits 30 s for the peer's close frame: a peer that never sends one must not hold it that long.
    ws.on('error', () => this.closeTimeout(ws));
    ws.once('close', () => {
      this.sockets.delete(ws);
      release();
    });
  }

  /**
   * Records a message; true when the socket has now sent too many too fast: more than
   * `maxMessagesPerWindow` at once, or faster than that many per `rateWindowMs`. Constant work per message.
   */
  tooFast(ws: WebSocket): boolean {
    const tracked = this.sockets.get(ws);
    return tracked !== undefined && !tracked.rate.take(Date.now());
  }

  /**
   * Closes a socket and stops reading it: whatever it sends from now on is left unread, and if it
   * has not answered the close within CLOSE_TIMEOUT_MS, it is terminated.
   */
  end(ws: WebSocket, code: number, reason: string): void {
    if (ws.readyState === ws.OPEN) ws.close(code, closeReason(reason));
    ws.pause();
    this.closeTimeout(ws);
  }

  /** Closes every socket with 1001 (going away) and stops the heartbeat. */
  close(): void {
    this.closing = true;
    clearInterval(this.heartbeat);
    for (const ws of this.sockets.keys()) this.end(ws, 1001, 'server shutting down');
  }

  private closeTimeout(ws: WebSocket): void {
    if (ws.readyState === ws.CLOSED) return;
    const timer = setTimeout(() => ws.terminate(), CLOSE_TIMEOUT_MS);
    timer.unref();
    ws.once('close', () => clearTimeout(timer));
  }

  private beat(): void {
    for (const [ws, tracked] of this.sockets) {
      if (!tracked.alive) {
        ws.terminate();
        continue;
      }
      tracked.alive = false;
      ws.ping(HEARTBEAT);
    }
  }
}

/**
 * Sends unless the peer has stopped reading: past `maxBufferedBytes` of unsent data, a socket's
 * messages are dropped, so a client that never reads cannot make the server buffer without bound.
 * Returns whether it was sent.
 */
export function sendIfReading(ws: WebSocket, data: string | Buffer, maxBufferedBytes: number, binary = false): boolean {
  if (ws.readyState !== ws.OPEN || ws.bufferedAmount > maxBufferedBytes) return false;
  ws.send(data, { binary });
  return true;
}

/** A close reason fits in a control frame: at most 123 bytes of UTF-8 (RFC 6455 §5.5, §7.1.6). */
function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  // Never leave half a surrogate pair behind.
  return /[\uD800-\uDBFF]$/.test(reason) ? reason.slice(0, -1) : reason;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** Answers an upgrade request with a plain HTTP error and closes the connection. */
export function refuseUpgrade(
  socket: Duplex,
  { status, message, headers = {} }: { status: number; message: string; headers?: Record<string, string> },
): void {
  const body = `${message}\n`;
  const head = [
    `HTTP/1.1 ${status} ${REASONS[status]}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
