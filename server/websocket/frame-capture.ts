import type { Duplex } from 'node:stream';
import type { CapturedFrame, MessageHead } from '../../shared/feed/protocol';
import { decodeFrameHeader, FrameError } from '../../shared/websocket/frame';

/** Payload bytes kept of each captured frame; the header is always kept whole. */
const KEPT_PAYLOAD = 256;
/** Frames kept per direction. */
const KEPT_FRAMES = 8;

type Direction = CapturedFrame['direction'];

interface Kept {
  direction: Direction;
  /**
   * The kept bytes as a one-byte (latin1) string: about 290 bytes for a full one, where a Buffer
   * takes about 450 with its object and backing store; every feed socket keeps up to 16. A frame
   * the server made once for every socket is kept as a view of those shared bytes instead.
   */
  bytes: string | Buffer;
  size: number;
  time: number;
  order: number;
}

/** The longest header a frame can have: 2 bytes, 8 of extended length, 4 of masking key. */
const MAX_HEADER = 14;
/** Shared frames are kept by reference only up to this size, so that one pins little more than a copy would take. */
const MAX_SHARED_FRAME = 1024;

/**
 * Follows one direction's byte stream frame by frame, keeping only headers and the start of
 * payloads. Constant work per frame whatever its size: the header is read from a small scratch
 * area, and the frame being read fills one buffer of exactly its kept bytes, outside Node's 8 KB
 * allocation pool (a peer may leave a frame unfinished for long, and a pooled slice would keep its
 * whole slab alive), which becomes a string once the frame is complete.
 */
class FrameFollower {
  readonly frames: Kept[] = [];
  private readonly header = new Uint8Array(MAX_HEADER);
  private headerLength = 0;
  private current: { bytes: Buffer; filled: number; remaining: number; size: number } | null = null;
  private stopped = false;

  constructor(
    private readonly direction: Direction,
    private readonly maxPayload: number,
    private readonly nextOrder: () => number,
    /** Whether whole frames written from memory of their own are the server's shared ones (its own writes). */
    private readonly sharesWholeFrames = false,
  ) {}

  /** ws hands a text payload to the socket as a string: account for it without copying it all. */
  addString(text: string): void {
    const length = Buffer.byteLength(text);
    if (this.stopped || !this.current || length > this.current.remaining) return this.add(Buffer.from(text));
    const { bytes, filled } = this.current;
    if (filled < bytes.length) {
      const wanted = Math.min(bytes.length - filled, length);
      // write() leaves out a character cut by the end; the kept bytes end exactly where the cut is.
      if (bytes.write(text.slice(0, wanted), filled) < wanted) Buffer.from(text.slice(0, wanted)).copy(bytes, filled);
      this.current.filled += wanted;
    }
    this.current.remaining -= length;
    if (this.current.remaining === 0) this.finish();
  }

  add(chunk: Uint8Array): void {
    if (this.sharesWholeFrames && this.current === null && this.headerLength === 0 && this.keepShared(chunk)) return;
    let offset = 0;
    while (!this.stopped && offset < chunk.length) {
      if (this.current) {
        const take = Math.min(this.current.remaining, chunk.length - offset);
        const keep = Math.min(take, this.current.bytes.length - this.current.filled);
        if (keep > 0) {
          this.current.bytes.set(chunk.subarray(offset, offset + keep), this.current.filled);
          this.current.filled += keep;
        }
        this.current.remaining -= take;
        offset += take;
        if (this.current.remaining === 0) this.finish();
        continue;
      }
      // Header bytes one at a time (at most 14), until the header says it is complete.
      this.header[this.headerLength++] = chunk[offset++] as number;
      this.readHeader();
    }
  }

  /**
   * Keeps a chunk that is exactly one frame, in memory of its own, as a view of it: the server makes
   * such frames once and writes them to every socket, so a copy per socket would be most of the
   * capture's cost on a busy feed, and the view pins nothing another socket does not share.
   */
  private keepShared(chunk: Uint8Array): boolean {
    if (this.stopped || chunk.byteLength !== chunk.buffer.byteLength || chunk.byteLength > MAX_SHARED_FRAME)
      return false;
    let decoded;
    try {
      decoded = decodeFrameHeader(chunk.subarray(0, MAX_HEADER), { allowRsv1: true });
    } catch (error) {
      if (error instanceof FrameError) return false; // the byte-by-byte reading meets it, and stops
      throw error;
    }
    if (!decoded.complete) return false;
    const { headerSize, payloadLength } = decoded.header;
    if (headerSize + payloadLength !== chunk.byteLength) return false;
    this.keep(Buffer.from(chunk.buffer, 0, headerSize + Math.min(KEPT_PAYLOAD, payloadLength)), chunk.byteLength);
    return true;
  }

  private readHeader(): void {
    try {
      // Validate the header as a peer would, with the endpoint's own limit; anything else ends the following.
      const decoded = decodeFrameHeader(this.header.subarray(0, this.headerLength), {
        allowRsv1: true,
        maxPayload: this.maxPayload,
      });
      if (decoded.complete) this.start(decoded.header.headerSize, decoded.header.payloadLength);
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      this.stopped = true; // ws closes the socket; what follows is not worth reading as frames
    }
  }

  private start(headerSize: number, payloadLength: number): void {
    const bytes = Buffer.allocUnsafeSlow(headerSize + Math.min(KEPT_PAYLOAD, payloadLength));
    bytes.set(this.header.subarray(0, headerSize));
    this.headerLength = 0;
    this.current = { bytes, filled: headerSize, remaining: payloadLength, size: headerSize + payloadLength };
    if (payloadLength === 0) this.finish();
  }

  private finish(): void {
    const current = this.current as NonNullable<typeof this.current>;
    this.current = null;
    this.keep(current.bytes.toString('latin1'), current.size);
  }

  private keep(bytes: Kept['bytes'], size: number): void {
    this.frames.push({ direction: this.direction, bytes, size, time: Date.now(), order: this.nextOrder() });
    if (this.frames.length > KEPT_FRAMES) this.frames.shift();
  }
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
      'server-to-client': new FrameFollower('server-to-client', Number.MAX_SAFE_INTEGER, next, true),
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
      .map(({ direction, bytes, size, time }) => ({
        direction,
        bytes: (typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes).toString('base64'),
        size,
        time,
      }));
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
