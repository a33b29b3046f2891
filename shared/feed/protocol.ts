/**
 * The live wire's protocol (subprotocol `wirebook.v1`): JSON text messages over a WebSocket at
 * /live. Shared by the server that speaks it and the browser client that reads it.
 */
import type { TcpState } from '../tcp/state-machine';

export const FEED_SUBPROTOCOL = 'wirebook.v1';

export const CHANNELS = ['tcp', 'tls', 'h2', 'http', 'feed', 'readers', 'sockets'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What each channel's events carry. Connections are named by short random ids; never an address. */
export interface ChannelData {
  tcp:
    | { kind: 'open'; connection: string }
    | { kind: 'close'; connection: string; durationMs: number; closedBy: 'client' | 'server' | 'reset' };
  tls: { connection: string; alpn: string; version: string; cipher: string; resumed: boolean };
  h2:
    | { kind: 'session-open' | 'session-close'; connection: string; streams?: number }
    | { kind: 'stream-open'; connection: string; streamId: number }
    | { kind: 'stream-close'; connection: string; streamId: number; rstCode: number }
    | { kind: 'goaway'; connection: string; code: number; sentBy: 'client' | 'server' };
  http: {
    connection: string;
    /** h2 stream id; null over HTTP/1.1. */
    streamId: number | null;
    method: string;
    /** The route pattern that answered (`/assets/:file`), never the path as typed. */
    route: string;
    status: number;
    protocol: 'h2' | 'http/1.1';
    bytes: number;
    ms: number;
  };
  feed:
    | { kind: 'open'; socket: string; connection: string }
    | { kind: 'close'; socket: string; connection: string; code: number };
  readers: { counts: Record<string, number> };
  /** The server's sockets on its port, by RFC 9293 state, from the kernel's table; or why it cannot say. */
  sockets: { port: number; counts: Partial<Record<TcpState, number>> } | { port: number; unavailable: string };
}

/**
 * One event on the wire. A union over the channels (`FeedEvent` is any of them, `FeedEvent<'h2'>`
 * one), so checking `event.channel` tells the compiler what `event.data` holds.
 */
export type FeedEvent<C extends Channel = Channel> = {
  [K in C]: {
    /** Monotonically increasing across all channels of one hub. */
    id: number;
    channel: K;
    /** Milliseconds since the epoch, on the server. */
    time: number;
    data: ChannelData[K];
  };
}[C];

/** The connection an event is about, for the channels whose events name one; null for the others. */
export function connectionOf(event: FeedEvent): string | null {
  return 'connection' in event.data ? event.data.connection : null;
}

/** The reader's own connection as the server saw it, told only to the holder of the view token. */
export interface YourConnectionInfo {
  connection: string;
  protocol: 'h2' | 'http/1.1';
  alpn: string;
  tlsVersion: string;
  cipher: string;
  /** The stream that carried the page, on h2. */
  pageStreamId: number | null;
}

/** The bytes of one WebSocket frame as they crossed the reader's own socket (base64; long payloads cut). */
export interface CapturedFrame {
  direction: 'client-to-server' | 'server-to-client';
  bytes: string;
  /** The whole frame's size on the wire. */
  size: number;
  time: number;
}

/** An HTTP message head: its first line and its header fields in order. */
export interface MessageHead {
  line: string;
  headers: [string, string][];
}

// Client → server
export interface SubscribeMessage {
  type: 'subscribe';
  channels: Channel[];
  /** The last event id the client has; events after it are replayed. Absent: send a snapshot. */
  since?: number;
  /** The page's view token, to be told which events are the reader's own. */
  token?: string;
  /** The page slug, for the readers-online count. */
  page?: string;
}
/** Asks for the last frames of this very socket, for the frame inspector. */
export interface InspectMessage {
  type: 'inspect';
}
export type ClientMessage = SubscribeMessage | InspectMessage;

/** Whether the server reaches the feed it shares with other instances (always, for one process). */
export type WireStatus = 'live' | 'interrupted';

// Server → client
export type ServerMessage =
  | { type: 'event'; event: FeedEvent; mine?: true }
  /** The recent events of the subscribed channels, oldest first; replaces what the client had. */
  | { type: 'snapshot'; events: FeedEvent[]; lastId: number; mine: number[] }
  /** Events after `since` had already left the buffer; a snapshot follows. */
  | { type: 'gap'; since: number }
  /** Events this client was too slow to take were dropped. */
  | { type: 'dropped'; count: number }
  | { type: 'you'; you: YourConnectionInfo; connections: string[] }
  /** This socket's own opening handshake, sent to it alone. */
  | { type: 'handshake'; request: MessageHead; response: MessageHead }
  | { type: 'frames'; frames: CapturedFrame[] }
  | { type: 'error'; code: string; reason: string }
  /**
   * The server lost (or regained) the shared feed: while interrupted no events arrive, pages still
   * work; when it is back, the events missed are replayed, or a gap and a snapshot say they are lost.
   */
  | { type: 'wire'; status: WireStatus };

export class FeedProtocolError extends Error {
  constructor(
    readonly code: 'WB_ERR_FEED_JSON' | 'WB_ERR_FEED_MESSAGE',
    /** The WebSocket close code this error ends the socket with (RFC 6455 §7.4.1). */
    readonly closeCode: 1007 | 1008,
    message: string,
  ) {
    super(message);
    this.name = 'FeedProtocolError';
  }
}

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
// A page slug: a folder page (`websocket`), a child page (`http-status/404`), or home ('').
const SLUG = /^(?:[a-z0-9-]{1,64}(?:\/[a-z0-9-]{1,64})?)?$/;

/** Validates a client's message; anything else is an error carrying the close code to use. */
export function parseClientMessage(text: string): ClientMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FeedProtocolError('WB_ERR_FEED_JSON', 1007, 'message is not valid JSON');
  }
  const invalid = (why: string) => new FeedProtocolError('WB_ERR_FEED_MESSAGE', 1008, why);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid('message must be a JSON object');
  const message = value as Record<string, unknown>;
  if (message.type === 'inspect') return { type: 'inspect' };
  if (message.type !== 'subscribe')
    throw invalid(`unknown message type: ${JSON.stringify(message.type)?.slice(0, 40)}`);
  const { channels, since, token, page } = message;
  if (
    !Array.isArray(channels) ||
    channels.length === 0 ||
    !channels.every((c) => (CHANNELS as readonly unknown[]).includes(c))
  ) {
    throw invalid(`channels must be a non-empty list drawn from ${CHANNELS.join(', ')}`);
  }
  if (since !== undefined && !(Number.isSafeInteger(since) && (since as number) >= 0))
    throw invalid('since must be a non-negative integer');
  if (token !== undefined && !(typeof token === 'string' && TOKEN.test(token))) throw invalid('token is malformed');
  if (page !== undefined && !(typeof page === 'string' && SLUG.test(page))) throw invalid('page is malformed');
  return {
    type: 'subscribe',
    channels: [...new Set(channels as Channel[])],
    since: since as number | undefined,
    token: token as string | undefined,
    page: page as string | undefined,
  };
}
