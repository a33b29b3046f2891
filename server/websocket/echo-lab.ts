import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../logger';
import { FrameCapture } from './frame-capture';
import { refuseUpgrade, sendIfReading, type SocketGuard, type SocketLimits } from './socket-guard';

/** The subprotocols the lab speaks; which one is used follows the client's order of offer. */
export const ECHO_SUBPROTOCOLS = ['superchat', 'chat'] as const;

/** The lab's own commands, sent as text; anything else is echoed. */
const COMMANDS = { ping: '/ping', inspect: '/inspect' } as const;

/**
 * The subprotocol the lab selects from a client's offer: the first it supports, in the client's
 * order; none when it supports none of them (RFC 6455 §4.2.2: then the response has no
 * Sec-WebSocket-Protocol, and the connection opens without one).
 */
export function selectSubprotocol(offered: Iterable<string>): string | false {
  for (const protocol of offered) if ((ECHO_SUBPROTOCOLS as readonly string[]).includes(protocol)) return protocol;
  return false;
}

/**
 * The echo lab at /lab/echo: each reader's own socket, never shared. Text and binary messages come
 * back as they were sent; "/ping" asks the server to ping the browser; "/inspect" returns the real
 * bytes of the socket's last frames; a close is answered with the same code (§5.5.1), as ws does.
 */
export class EchoLab {
  private readonly wss: WebSocketServer;

  constructor(
    private readonly limits: SocketLimits & { maxBufferedBytes: number },
    /** Shared with the feed: one reader's sockets count against one limit, whichever endpoint. */
    private readonly guard: SocketGuard,
    private readonly logger: Logger,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: limits.maxMessageBytes,
      perMessageDeflate: false,
      clientTracking: false,
      // One message per turn of the event loop: a burst of frames in one read never holds up the rest.
      allowSynchronousEvents: false,
      handleProtocols: selectSubprotocol,
    });
  }

  handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const refusal = this.guard.admit(req);
    if (refusal) return refuseUpgrade(socket, refusal);
    const capture = new FrameCapture(socket, this.limits.maxMessageBytes);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req, capture));
  };

  private accept(ws: WebSocket, req: IncomingMessage, capture: FrameCapture): void {
    this.guard.track(ws, req);
    ws.on('error', (error) => this.logger.debug({ err: error }, 'echo socket error'));
    ws.on('message', (data, isBinary) => {
      // Messages already read when the close began still arrive: they cost a check, no more.
      if (ws.readyState !== ws.OPEN) return;
      if (this.guard.tooFast(ws)) return this.guard.end(ws, 1008, 'too many messages; slow down');
      const text = isBinary ? null : data.toString();
      const { maxBufferedBytes } = this.limits;
      if (text === COMMANDS.ping) {
        if (ws.bufferedAmount <= maxBufferedBytes) ws.ping(Buffer.from('wirebook'));
      } else if (text === COMMANDS.inspect)
        sendIfReading(ws, JSON.stringify({ type: 'frames', frames: capture.last() }), maxBufferedBytes);
      else sendIfReading(ws, data as Buffer, maxBufferedBytes, isBinary);
    });
  }
}
