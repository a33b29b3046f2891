import type { Duplex } from 'node:stream';
import type { CapturedFrame, MessageHead } from '../../shared/feed/protocol';
import { decodeFrame, FrameError } from '../../shared/websocket/frame';

/** Payload bytes kept of each captured frame; the header is always kept whole. */
const KEPT_PAYLOAD = 256;
/** Frames kept per direction. */
const KEPT_FRAMES = 8;

type Direction = CapturedFrame['direction'];

/**
 * One buffer of exactly these bytes, outside Node's 8 KB allocation pool: a small pooled Buffer
 * that lives long keeps its whole 8 KB slab alive, and every feed socket keeps a few of these.
 */
function ownedCopy(parts: Buffer[]): Buffer {
  const size = parts.reduce((sum, part) => sum + part.length, 0);
  const out = Buffer.allocUnsafeSlow(size);
  let offset = 0;
  for (const part of parts) offset += part.copy(out, offset);
  return out;
}

interface Kept {
  direction: Direction;
  bytes: Buffer;
  size: number;
  time: number;
  order: number;
}

/** Follows one direction's byte stream frame by frame, keeping only headers and the start of payloads. */
class FrameFollower {
  readonly frames: Kept[] = [];
  private header = Buffer.alloc(0);
  private current: { header: Buffer; kept: Buffer[]; keptBytes: number; remaining: number; size: number } | null = null;
  private stopped = false;

  constructor(
    private readonly direction: Direction,
    private readonly maxPayload: number,
    private readonly nextOrder: () => number,
  ) {}

  /** ws hands a text payload to the socket as a string: account for it without copying it all. */
  addString(text: string): void {
    const length = Buffer.byteLength(text);
    if (this.stopped || !this.current || length > this.current.remaining) return this.add(Buffer.from(text));
    const keep = KEPT_PAYLOAD - this.current.keptBytes;
    if (keep > 0) {
      const kept = Buffer.from(text.slice(0, keep)).subarray(0, keep);
      this.current.kept.push(kept);
      this.current.keptBytes += kept.length;
    }
    this.current.remaining -= length;
    if (this.current.remaining === 0) this.finish();
  }

  add(chunk: Buffer): void {
    let offset = 0;
    while (!this.stopped && offset < chunk.length) {
      if (this.current) {
        const take = Math.min(this.current.remaining, chunk.length - offset);
        const keep = Math.min(take, KEPT_PAYLOAD - this.current.keptBytes);
        if (keep > 0) {
          this.current.kept.push(Buffer.from(chunk.subarray(offset, offset + keep)));
          this.current.keptBytes += keep;
        }
        this.current.remaining -= take;
        offset += take;
        if (this.current.remaining === 0) this.finish();
        continue;
      }
      // A header is at most 14 bytes: take only what it needs, never the payload.
      const needed = headerSize(this.header, chunk.subarray(offset));
      const take = Math.min(needed - this.header.length, chunk.length - offset);
      this.header = Buffer.concat([this.header, chunk.subarray(offset, offset + take)]);
      offset += take;
      if (this.header.length === needed && needed >= 2 && headerSize(this.header, Buffer.alloc(0)) === needed)
        this.start();
    }
  }

  private start(): void {
    const header = this.header;
    this.header = Buffer.alloc(0);
    const length7 = header[1]! & 0x7f; // the header holds at least its first two bytes
    const payloadLength =
      length7 < 126
        ? length7
        : length7 === 126
          ? header.readUInt16BE(2)
          : Number(header.readBigUInt64BE(2) & 0x7fffffffffffffffn);
    // Validate the header as a peer would, with the endpoint's own limit; anything else ends the following.
    try {
      if (payloadLength > this.maxPayload) throw new FrameError('WB_ERR_WS_TOO_BIG', 1009, 'too big');
      decodeFrame(Buffer.concat([header, Buffer.alloc(payloadLength)]), {
        allowRsv1: true,
        maxPayload: this.maxPayload,
      });
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      this.stopped = true; // ws closes the socket; what follows is not worth reading as frames
      return;
    }
    this.current = { header, kept: [], keptBytes: 0, remaining: payloadLength, size: header.length + payloadLength };
    if (payloadLength === 0) this.finish();
  }

  private finish(): void {
    const current = this.current as NonNullable<typeof this.current>;
    this.current = null;
    this.frames.push({
      direction: this.direction,
      bytes: ownedCopy([current.header, ...current.kept]),
      size: current.size,
      time: Date.now(),
      order: this.nextOrder(),
    });
    if (this.frames.length > KEPT_FRAMES) this.frames.shift();
  }
}

/** How long the header starting with `have` (then `more`) is, as far as its first two bytes tell. */
function headerSize(have: Buffer, more: Buffer): number {
  const byte1 = have.length >= 2 ? have[1] : have.length === 1 ? more[0] : more[1];
  if (byte1 === undefined) return 2;
  const length7 = byte1 & 0x7f;
  return 2 + (length7 === 126 ? 2 : length7 === 127 ? 8 : 0) + (byte1 & 0x80 ? 4 : 0);
}

/**
 * Keeps the bytes of the last frames that crossed a WebSocket's socket, in each direction, as they
 * were on the wire (the client's still masked): headers whole, payloads up to 256 bytes. Frame
 * boundaries come from reading the headers; nothing is re-encoded from messages. Memory per socket
 * is bounded whatever the peer sends.
 */
export class FrameCapture {
  private order = 0;
  private readonly followers: Record<Direction, FrameFollower>;

  constructor(socket: Duplex, maxPayload: number) {
    const next = () => this.order++;
    this.followers = {
      'client-to-server': new FrameFollower('client-to-server', maxPayload, next),
      'server-to-client': new FrameFollower('server-to-client', Number.MAX_SAFE_INTEGER, next),
    };
    socket.on('data', (chunk: Buffer) => this.followers['client-to-server'].add(chunk));
    // ws writes each frame to the socket itself; observe those writes on their way out. Its first
    // write is the 101 response head, a string: frames follow it.
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
    let upgraded = false;
    socket.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (upgraded && chunk instanceof Uint8Array)
        this.followers['server-to-client'].add(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      else if (upgraded && typeof chunk === 'string') this.followers['server-to-client'].addString(chunk);
      else if (typeof chunk === 'string' && chunk.startsWith('HTTP/1.1 101')) upgraded = true;
      return write(chunk, ...rest);
    }) as Duplex['write'];
  }

  /** The last frames of both directions, oldest first. */
  last(): CapturedFrame[] {
    return [...this.followers['client-to-server'].frames, ...this.followers['server-to-client'].frames]
      .sort((a, b) => a.order - b.order)
      .map(({ direction, bytes, size, time }) => ({ direction, bytes: bytes.toString('base64'), size, time }));
  }
}

// The reader's own request, less what is not about the handshake (cookies, their user agent).
const HANDSHAKE_REQUEST_HEADERS = [
  'host',
  'upgrade',
  'connection',
  'origin',
  'sec-websocket-key',
  'sec-websocket-version',
  'sec-websocket-protocol',
  'sec-websocket-extensions',
];

export function requestHead(req: {
  method?: string;
  url?: string;
  httpVersion: string;
  rawHeaders: string[];
}): MessageHead {
  const headers: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const [name, value] = [req.rawHeaders[i]!, req.rawHeaders[i + 1]!];
    if (HANDSHAKE_REQUEST_HEADERS.includes(name.toLowerCase())) headers.push([name, value]);
  }
  return { line: `${req.method} ${(req.url ?? '').split('?')[0]} HTTP/${req.httpVersion}`, headers };
}

/** ws's response head (its 'headers' event lines: the status line, then "Name: value"). */
export function responseHead(lines: string[]): MessageHead {
  const [line = '', ...rest] = lines;
  return {
    line,
    headers: rest.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()] as [string, string]),
  };
}
