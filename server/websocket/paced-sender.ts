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

interface Outgoing {
  /** The message's parts; a frame never spans two of them. */
  parts: Buffer[];
  /** Whether it goes as several frames, paced within FRAGMENT_BUDGET. */
  fragmented: boolean;
  /** Which part is being sent, and how much of it has been. */
  part: number;
  sent: number;
}

/**
 * Sends one WebSocket's text messages in order, within the budgets above: the rest waits here, and
 * a message over FRAGMENT_BYTES goes as fragments that the peer's WebSocket joins back into the one
 * message. Messages are dropped, not
 * queued, once the peer stops reading (more than `maxBufferedBytes` waiting here and in the socket).
 */
export class PacedSender {
  private readonly queue: Outgoing[] = [];
  private queuedBytes = 0;
  /** Frames handed to ws and not yet written to the socket; the last one's callback resumes sending. */
  private inFlight = 0;
  private waiting = false;

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

  /** Forgets the messages not yet begun; returns whether one is still part-sent (it will be finished). */
  clear(): boolean {
    const head = this.queue[0];
    const started = head !== undefined && (head.part > 0 || head.sent > 0);
    this.queue.splice(started ? 1 : 0);
    this.queuedBytes = 0;
    for (const { parts, part, sent } of this.queue)
      for (let i = part; i < parts.length; i++)
        this.queuedBytes += (parts[i] as Buffer).length - (i === part ? sent : 0);
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
      const part = outgoing.parts[outgoing.part] as Buffer;
      const size = Math.min(FRAGMENT_BYTES, part.length - outgoing.sent);
      // A frame's header is at most 14 bytes.
      const budget = outgoing.fragmented ? FRAGMENT_BUDGET : WRITE_BUDGET;
      if (this.socket.writableLength > 0 && this.socket.writableLength + size + 14 > budget) {
        this.waiting = this.inFlight > 0;
        if (this.waiting) return;
      }
      const payload =
        outgoing.sent === 0 && size === part.length ? part : part.subarray(outgoing.sent, outgoing.sent + size);
      outgoing.sent += size;
      if (outgoing.sent === part.length) {
        outgoing.part++;
        outgoing.sent = 0;
      }
      const fin = outgoing.part === outgoing.parts.length;
      this.queuedBytes -= size;
      if (fin) this.queue.shift();
      this.inFlight++;
      this.ws.send(payload, { binary: false, fin }, () => this.written());
    }
  }

  private written(): void {
    this.inFlight--;
    if (this.waiting && this.inFlight === 0) {
      this.waiting = false;
      this.pump();
    }
  }
}
