import type { Duplex } from 'node:stream';
import type { CapturedFrame, MessageHead } from '../../shared/feed/protocol';
import { decodeFrame, FrameError } from '../../shared/websocket/frame';

/** Payload bytes kept of each captured frame; the header is always kept whole. */
const KEPT_PAYLOAD = 256;

const EMPTY = Buffer.alloc(0);

interface Kept {
  direction: CapturedFrame['direction'];
  bytes: Buffer;
  size: number;
  time: number;
}

/**
 * Keeps the bytes of the last frames that crossed a WebSocket's socket, in both directions, as
 * they were on the wire (the client's still masked). Frame boundaries come from the shared codec
 * run over each direction's byte stream; nothing is re-encoded from messages.
 */
export class FrameCapture {
  // Raw bytes, turned into base64 only when the reader asks: every feed socket carries one of these.
  private readonly frames: Kept[] = [];
  private readonly pending = { 'client-to-server': EMPTY, 'server-to-client': EMPTY };

  constructor(
    socket: Duplex,
    private readonly keep = 12,
  ) {
    socket.on('data', (chunk: Buffer) => this.add('client-to-server', chunk));
    // ws writes each frame to the socket itself; observe those writes on their way out.
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
    socket.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk instanceof Uint8Array) this.add('server-to-client', Buffer.from(chunk));
      else if (typeof chunk === 'string') this.add('server-to-client', Buffer.from(chunk));
      return write(chunk, ...rest);
    }) as Duplex['write'];
  }

  /** The last frames, oldest first. */
  last(): CapturedFrame[] {
    return this.frames.map((frame) => ({ ...frame, bytes: frame.bytes.toString('base64') }));
  }

  private add(direction: CapturedFrame['direction'], chunk: Buffer): void {
    let bytes = this.pending[direction].length === 0 ? chunk : Buffer.concat([this.pending[direction], chunk]);
    try {
      for (;;) {
        const decoded = decodeFrame(bytes, { allowRsv1: true });
        if (!decoded.complete) break;
        const headerSize = decoded.size - decoded.frame.payloadLength;
        const kept = bytes.subarray(0, headerSize + Math.min(KEPT_PAYLOAD, decoded.frame.payloadLength));
        this.frames.push({ direction, bytes: Buffer.from(kept), size: decoded.size, time: Date.now() });
        if (this.frames.length > this.keep) this.frames.shift();
        bytes = bytes.subarray(decoded.size);
      }
    } catch (error) {
      // The peer sent something that is not a frame; ws closes the socket; stop following it.
      if (!(error instanceof FrameError)) throw error;
      bytes = EMPTY;
    }
    // Bound what waits for the rest of a frame: a huge frame is kept only in part.
    this.pending[direction] = bytes.length === 0 || bytes.length > 64 * 1024 ? EMPTY : Buffer.from(bytes);
  }
}

// The reader's own request, less what is not about the handshake (cookies, their user agent).
const HANDSHAKE_REQUEST_HEADERS = ['host', 'upgrade', 'connection', 'origin', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-protocol', 'sec-websocket-extensions'];

export function requestHead(req: { method?: string; url?: string; httpVersion: string; rawHeaders: string[] }): MessageHead {
  const headers: [string, string][] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (HANDSHAKE_REQUEST_HEADERS.includes(req.rawHeaders[i].toLowerCase())) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  }
  return { line: `${req.method} ${(req.url ?? '').split('?')[0]} HTTP/${req.httpVersion}`, headers };
}

/** ws's response head (its 'headers' event lines: the status line, then "Name: value"). */
export function responseHead(lines: string[]): MessageHead {
  const [line, ...rest] = lines;
  return { line, headers: rest.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()] as [string, string]) };
}
