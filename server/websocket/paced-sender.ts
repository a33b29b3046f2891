import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/**
 * Node's TLS layer starts each socket's encrypted output in a 1 KiB buffer; a write that does not
 * fit there (what is written while an earlier write is still going out counts with it) adds one of
 * 16 KiB, or of the write's size from 16 KiB up, which an idle socket then keeps: one 40 KB snapshot
 * in one write left every subscriber holding four times a bare TLS connection's memory. So a long
 * message goes as fragments written one after another within the 1 KiB (less a TLS record's
 * overhead and a frame header); other messages go at once, joined by Node while the socket is busy,
 * up to just under the 16 KiB beyond which the kept buffer would grow with the write.
 */
const FRAGMENT_BUDGET = 1024 - 64;
const WRITE_BUDGET = 16 * 1024 - 64;
/** Payload bytes per frame of a fragmented message (RFC 6455 §5.4): a frame of them fits FRAGMENT_BUDGET. */
export const FRAGMENT_BYTES = 896;

/** A message as the bytes of its parts, in order (a part shared by many sockets is never copied). */
export type MessageBytes = Buffer | readonly Buffer[];

/** A message, sent as ws frames. */
interface Message {
  /** The message's parts; a frame never spans two of them. */
  parts: Buffer[];
  /** Whether it goes as several frames, paced within FRAGMENT_BUDGET. */
  fragmented: boolean;
  /** Which part is being sent, and how much of it has been. */
  part: number;
  sent: number;
}

/** Whole frames made beforehand (shared by many sockets), written as they are. */
interface Frames {
  frames: readonly Buffer[];
  /** How many have been written. */
  sent: number;
}

type Outgoing = Message | Frames;
/**
 * Sends one WebSocket's text messages in order, within the budgets above: the rest waits here, and
 * a message over FRAGMENT_BYTES goes as fragments that the peer's WebSocket joins back into the one
 * message. Frames made beforehand go in the same order, past ws, as they are. Messages are dropped,
 * not queued, once the peer stops reading (more than `maxBufferedBytes` waiting here and in the
 * socket).
 */
export class PacedSender {
  private readonly queue: Outgoing[] = [];
  private queuedBytes = 0;
  /** Writes not yet done; the last one's callback resumes sending. */
  private inFlight = 0;
  private waiting = false;
  private readonly onWritten = () => this.written();

  constructor(
    private readonly ws: WebSocket,
    private readonly socket: Duplex,
    private readonly maxBufferedBytes: number,
  ) {}

  /** Queues a message unless the peer has stopped reading; returns whether it was taken. */
  send(message: MessageBytes): boolean {
    if (this.ws.readyState !== this.ws.OPEN || this.ws.bufferedAmount + this.queuedBytes > this.maxBufferedBytes)
      return false;
    const parts = Buffer.isBuffer(message) ? [message] : [...message];
    const size = parts.reduce((sum, part) => sum + part.length, 0);
    // A message that fits in one frame is sent as one.
    this.queue.push({
      parts: parts.length > 1 && size <= FRAGMENT_BYTES ? [Buffer.concat(parts)] : parts,
      fragmented: size > FRAGMENT_BYTES,
      part: 0,
      sent: 0,
    });
    this.queuedBytes += size;
    this.pump();
    return true;
  }

  /**
   * Queues whole text frames, each at most FRAGMENT_BYTES of payload and in memory of its own (made
   * once for every socket), to be written as they are, together when the socket has room. Takes
   * them in order while the peer keeps up, as `send` would one by one; returns how many it took.
   */
  sendFrames(frames: readonly Buffer[]): number {
    if (this.ws.readyState !== this.ws.OPEN) return 0;
    let taken = 0;
    let size = 0;
    const buffered = this.ws.bufferedAmount + this.queuedBytes;
    while (taken < frames.length && buffered + size <= this.maxBufferedBytes)
      size += (frames[taken++] as Buffer).length;
    if (taken === 0) return 0;
    this.queue.push({ frames: taken === frames.length ? frames : frames.slice(0, taken), sent: 0 });
    this.queuedBytes += size;
    this.pump();
    return taken;
  }

  /** Forgets the messages not yet begun; returns whether one is still part-sent (it will be finished). */
  clear(): boolean {
    const head = this.queue[0];
    const started = head !== undefined && ('frames' in head ? head.sent > 0 : head.part > 0 || head.sent > 0);
    this.queue.splice(started ? 1 : 0);
    this.queuedBytes = 0;
    for (const outgoing of this.queue) this.queuedBytes += unsent(outgoing);
    return started;
  }

  private pump(): void {
    while (!this.waiting && this.queue[0] !== undefined) {
      if (this.ws.readyState !== this.ws.OPEN) {
        this.queue.length = 0;
        this.queuedBytes = 0;
        return;
      }
      const outgoing = this.queue[0];
      if (!('frames' in outgoing ? this.writeFrames(outgoing) : this.sendFrame(outgoing))) {
        this.waiting = this.inFlight > 0;
        if (this.waiting) return;
      }
    }
  }

  /** Whether `size` more bytes (and a frame header) may be written now within `budget`. */
  private fits(size: number, budget: number): boolean {
    return this.socket.writableLength === 0 || this.socket.writableLength + size + 14 <= budget;
  }

  /** Sends the next frame of a message through ws; false when it must wait for the socket. */
  private sendFrame(message: Message): boolean {
    const part = message.parts[message.part] as Buffer;
    const size = Math.min(FRAGMENT_BYTES, part.length - message.sent);
    if (!this.fits(size, message.fragmented ? FRAGMENT_BUDGET : WRITE_BUDGET) && this.inFlight > 0) return false;
    const payload =
      message.sent === 0 && size === part.length ? part : part.subarray(message.sent, message.sent + size);
    message.sent += size;
    if (message.sent === part.length) {
      message.part++;
      message.sent = 0;
    }
    const fin = message.part === message.parts.length;
    this.queuedBytes -= size;
    if (fin) this.queue.shift();
    this.inFlight++;
    this.ws.send(payload, { binary: false, fin }, this.onWritten);
    return true;
  }

  /** Writes as many of the frames as fit in one corked write; false when it must wait for the socket. */
  private writeFrames(outgoing: Frames): boolean {
    const { frames } = outgoing;
    const first = outgoing.sent;
    let size = 0;
    while (outgoing.sent < frames.length) {
      const next = (frames[outgoing.sent] as Buffer).length;
      if (!this.fits(size + next, WRITE_BUDGET) && (size > 0 || this.inFlight > 0)) break;
      size += next;
      outgoing.sent++;
    }
    if (outgoing.sent === first) return false;
    this.queuedBytes -= size;
    if (outgoing.sent === frames.length) this.queue.shift();
    this.inFlight++;
    this.socket.cork();
    for (let i = first; i < outgoing.sent - 1; i++) this.socket.write(frames[i]);
    this.socket.write(frames[outgoing.sent - 1], this.onWritten);
    this.socket.uncork();
    return true;
  }

  private written(): void {
    this.inFlight--;
    if (this.waiting && this.inFlight === 0) {
      this.waiting = false;
      this.pump();
    }
  }
}

/** Bytes of a queued message or frames not yet written. */
function unsent(outgoing: Outgoing): number {
  let bytes = 0;
  if ('frames' in outgoing) {
    for (let i = outgoing.sent; i < outgoing.frames.length; i++) bytes += (outgoing.frames[i] as Buffer).length;
  } else {
    for (let i = outgoing.part; i < outgoing.parts.length; i++)
      bytes += (outgoing.parts[i] as Buffer).length - (i === outgoing.part ? outgoing.sent : 0);
  }
  return bytes;
}
