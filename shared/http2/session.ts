import { ENDPOINTS } from '../endpoints';
/** What /lab/h2/session and /lab/tiles tell the HTTP/2 page; both sides read these types. */

/** The response field in which a tile names the connection that carried it. */
export const CONNECTION_HEADER = 'Wirebook-Connection';

export interface StreamRecord {
  id: number;
  method: string;
  /** The route pattern that answered, never the path as typed. */
  route: string;
  /** The status sent; null when the stream was reset before a response finished. */
  status: number | null;
  /** The RST_STREAM error code that ended the stream, when one did. */
  resetCode: number | null;
  bytes: number;
  /** When the request started, in ms after the first request this server saw on the connection. */
  startMs: number;
  ms: number;
  /** What the request said about its priority, both ways HTTP/2 has had to say it. */
  priority: StreamPriority;
}

export interface StreamPriority {
  /** The RFC 7540 weight (1–256) the server's HTTP/2 library holds for the stream: 16 unless HEADERS or PRIORITY set one. */
  weight: number | null;
  /** The RFC 9218 `priority` request header, as sent (cut to 64 characters); null when absent. */
  header: string | null;
}

/** How the server's PING to the reader's browser went. */
export type PingResult = { kind: 'answered'; ms: number } | { kind: 'timed-out' } | { kind: 'not-sent' };

export type SessionReport =
  | { protocol: 'http/1.1' }
  | {
      protocol: 'h2';
      alpn: string | null;
      /** The browser's SETTINGS, as this server received them (unsent ones keep their initial values). */
      remoteSettings: Record<string, number | boolean>;
      /** This server's own SETTINGS. */
      localSettings: Record<string, number | boolean>;
      /** Flow-control and table state of the connection right now. */
      state: Record<string, number | undefined>;
      ping: PingResult;
      streams: StreamRecord[];
    };

/**
 * The reader's own HTTP/2 session as the server sees it, asked over the connection that carries the
 * page; rejects with the status when the server answers with an error.
 */
export async function fetchSessionReport(): Promise<SessionReport> {
  // The server answers it with Cache-Control: no-store, so every call reaches the server.
  const response = await fetch(ENDPOINTS.h2Session);
  if (!response.ok) throw new Error(String(response.status));
  return (await response.json()) as SessionReport;
}
