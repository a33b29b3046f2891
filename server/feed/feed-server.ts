import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import {
  connectionOf,
  FEED_SUBPROTOCOL,
  FeedProtocolError,
  parseClientMessage,
  type Channel,
  type ClientMessage,
  type FeedEvent,
  type ServerMessage,
  type SubscribeMessage,
} from '../../shared/feed/protocol';
import type { Logger } from '../logger';
import { FrameCapture, requestHead, responseHead } from '../websocket/frame-capture';
import { FRAGMENT_BYTES, PacedSender, type MessageBytes } from '../websocket/paced-sender';
import { refuseUpgrade, type SocketGuard, type SocketLimits } from '../websocket/socket-guard';
import { newWireId, type ConnectionRegistry } from './connections';
import type { FeedHub, WireChange } from './hub';
import type { ViewTokenStore } from './view-tokens';
import { encodeMessage, eventMessage, sharedEvent, snapshotEventsWithin, snapshotMessage } from './wire-messages';

export interface FeedLimits extends SocketLimits {
  /** Past this much unsent data, a socket's events are dropped (and counted) instead of queued. */
  maxBufferedBytes: number;
  /** What a snapshot's events may weigh as JSON; the oldest are left out beyond it. */
  maxSnapshotBytes: number;
  /**
   * How long events may wait to go out together, at most: 40 µs per subscriber up to this. A
   * fan-out costs a write per subscriber, so the more subscribers, the more a wait saves; a reader
   * alone waits under a millisecond.
   */
  maxBatchDelayMs: number;
}

/** The wait per subscriber before a fan-out (see maxBatchDelayMs). */
const BATCH_DELAY_MS_PER_SUBSCRIBER = 0.04;

export const DEFAULT_FEED_LIMITS: FeedLimits = {
  maxMessageBytes: 4096,
  maxSockets: 2000,
  maxSocketsPerAddress: 16,
  maxMessagesPerWindow: 20,
  rateWindowMs: 10_000,
  heartbeatMs: 30_000,
  maxBufferedBytes: 256 * 1024,
  maxSnapshotBytes: 64 * 1024,
  maxBatchDelayMs: 20,
};

export interface FeedServerOptions {
  hub: FeedHub;
  registry: ConnectionRegistry;
  tokens: ViewTokenStore;
  /** Who may upgrade (origin, capacity), message rate and heartbeat; shared with the echo lab. */
  guard: SocketGuard;
  /** Whether a slug names a page of the site (only those are counted as being read). */
  isPage: (slug: string) => boolean;
  limits?: Partial<FeedLimits>;
  logger: Logger;
}

interface Subscriber {
  ws: WebSocket;
  /** Every message to this socket goes through it, in order. */
  out: PacedSender;
  id: string;
  connection: string;
  channels: Set<Channel>;
  /** The channels as one string: subscribers with the same one are sent the same frames. */
  channelKey: string;
  /**
   * How many of the hub's events had reached this server when this socket was last sent a replay
   * or a snapshot: those already covered it, so the flush that follows does not send them again.
   * Counted here, not by event id: ids start again when the shared feed does.
   */
  coveredThrough: number;
  /** Connections that are this reader's own: the feed's, and the page's when the token resolved. */
  own: Set<string>;
  page: string | null;
  dropped: number;
  /** The real bytes of this socket's last frames, for its own reader's frame inspector. */
  capture: FrameCapture;
  /**
   * The `handshake` message this reader is sent on every subscribe, kept serialised: one string
   * instead of an array and two strings per header line of its request and response.
   */
  handshake: string;
  /** Counts subscribe messages, so an older one still waiting on the hub or a token gives way. */
  subscriptions: number;
}

/**
 * The live wire's WebSocket endpoint: ws in noServer mode on the TLS server's HTTP/1.1 upgrade
 * path. Guards run before the upgrade (path, origin, subprotocol, capacity); each subscriber then
 * gets its channels' events, resumed from the id it last saw, marked where they are its own.
 */
export class FeedServer {
  private readonly wss: WebSocketServer;
  private readonly subscribers = new Set<Subscriber>();
  private readonly limits: FeedLimits;
  private readonly guard: SocketGuard;
  private readonly responseHeads = new WeakMap<IncomingMessage, string[]>();
  private readonly unsubscribeHub: () => void;
  private readonly unwatchHub: () => void;
  private readersTimer: NodeJS.Timeout | null = null;
  /** Events the hub has published since the last flush, in id order. */
  private pending: FeedEvent[] = [];
  /** How many events the hub has handed to this server: the last pending one is number `received`. */
  private received = 0;
  /** Cancels the flush to come, when one is due. */
  private cancelFlush: (() => void) | null = null;
  private closing = false;

  constructor(private readonly options: FeedServerOptions) {
    this.limits = { ...DEFAULT_FEED_LIMITS, ...options.limits };
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.limits.maxMessageBytes,
      perMessageDeflate: false,
      clientTracking: false,
      // One message per turn of the event loop: a burst of frames in one read never holds up the rest.
      allowSynchronousEvents: false,
      handleProtocols: (protocols) => (protocols.has(FEED_SUBPROTOCOL) ? FEED_SUBPROTOCOL : false),
    });
    this.wss.on('headers', (lines, req) => this.responseHeads.set(req, [...lines]));
    this.guard = options.guard;
    this.unsubscribeHub = options.hub.subscribe((event) => this.fanOut(event));
    this.unwatchHub = options.hub.watch((change) => this.onWireChange(change));
  }

  /** Upgrades a request for /live, once the guards let it through. */
  handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const refusal = this.guard.admit(req);
    if (refusal) return refuseUpgrade(socket, refusal);
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (!offered.includes(FEED_SUBPROTOCOL))
      return refuseUpgrade(socket, {
        status: 400,
        message: `Bad request: Sec-WebSocket-Protocol must offer ${FEED_SUBPROTOCOL}`,
      });
    // Capture from before the upgrade, so the first frames are seen too.
    const capture = new FrameCapture(socket, this.limits.maxMessageBytes);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req, socket, capture));
  };

  /** Page counts of the readers whose feed is open now. */
  readerCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const subscriber of this.subscribers)
      if (subscriber.page !== null) counts[subscriber.page] = (counts[subscriber.page] ?? 0) + 1;
    return counts;
  }

  /** Stops publishing to the feed; the guard's close() then closes its sockets with 1001. */
  close(): void {
    this.closing = true;
    if (this.readersTimer) clearTimeout(this.readersTimer);
    this.cancelFlush?.();
    this.unsubscribeHub();
    this.unwatchHub();
  }

  private accept(ws: WebSocket, req: IncomingMessage, socket: Duplex, capture: FrameCapture): void {
    const connection = this.options.registry.find(req.socket)?.id ?? 'unknown';
    const subscriber: Subscriber = {
      ws,
      out: new PacedSender(ws, socket, this.limits.maxBufferedBytes),
      id: newWireId(),
      connection,
      channels: new Set(),
      channelKey: '',
      coveredThrough: 0,
      own: new Set([connection]),
      page: null,
      dropped: 0,
      capture,
      handshake: JSON.stringify({
        type: 'handshake',
        request: requestHead(req),
        response: responseHead(this.responseHeads.get(req) ?? []),
      } satisfies ServerMessage),
      subscriptions: 0,
    };
    this.subscribers.add(subscriber);
    this.guard.track(ws, req);
    this.options.hub.publish('feed', { kind: 'open', socket: subscriber.id, connection });
    ws.on('message', (data, isBinary) => {
      try {
        this.receive(subscriber, data, isBinary);
      } catch (error) {
        // A bug here must cost one socket, never the process.
        this.options.logger.error({ err: error, socket: subscriber.id }, 'feed message handling failed');
        ws.terminate();
      }
    });
    // ws closes the socket itself on protocol errors (1002) and oversized messages (1009).
    ws.on('error', (error) => this.options.logger.debug({ err: error, socket: subscriber.id }, 'feed socket error'));
    ws.once('close', (code) => {
      this.subscribers.delete(subscriber);
      subscriber.out.clear();
      this.options.hub.publish('feed', { kind: 'close', socket: subscriber.id, connection, code });
      if (subscriber.page !== null) this.scheduleReaders();
    });
  }

  private receive(subscriber: Subscriber, data: RawData, isBinary: boolean): void {
    // Messages already read when the close began still arrive: they cost a check, no more.
    if (subscriber.ws.readyState !== subscriber.ws.OPEN) return;
    if (this.guard.tooFast(subscriber.ws))
      return this.fail(subscriber, 'WB_ERR_FEED_RATE', 1008, 'too many messages; slow down');
    if (isBinary)
      return this.fail(subscriber, 'WB_ERR_FEED_BINARY', 1003, `binary messages are not part of ${FEED_SUBPROTOCOL}`);
    let message: ClientMessage;
    try {
      message = parseClientMessage(data.toString());
    } catch (error) {
      if (!(error instanceof FeedProtocolError)) throw error;
      return this.fail(subscriber, error.code, error.closeCode, error.message);
    }
    if (message.type === 'inspect') return this.send(subscriber, { type: 'frames', frames: subscriber.capture.last() });
    this.subscribe(subscriber, message).catch((error: unknown) => {
      this.options.logger.error({ err: error, socket: subscriber.id }, 'feed subscribe failed');
      subscriber.ws.terminate();
    });
  }

  /**
   * Subscribes, resuming from `since` when the hub still has what came after it. Resolving the
   * token and catching up with an id another instance issued may wait (boundedly) on the shared
   * feed; the channels are taken only after that, and the replay and the live events that follow
   * it are then sent in one synchronous step, so none is doubled or missed.
   */
  private async subscribe(subscriber: Subscriber, message: SubscribeMessage): Promise<void> {
    const { hub, tokens } = this.options;
    const turn = ++subscriber.subscriptions;
    const superseded = () => turn !== subscriber.subscriptions || subscriber.ws.readyState !== subscriber.ws.OPEN;
    this.setChannels(subscriber, []);
    this.sendBytes(subscriber, Buffer.from(subscriber.handshake));
    const [view] = await Promise.all([
      message.token ? tokens.resolve(message.token) : undefined,
      message.since !== undefined && message.since > hub.lastId ? hub.catchUp(message.since) : undefined,
    ]);
    if (superseded()) return;
    if (hub.status === 'interrupted') this.send(subscriber, { type: 'wire', status: 'interrupted' });
    if (view) {
      subscriber.own.add(view.you.connection);
      this.send(subscriber, { type: 'you', you: view.you, connections: [...subscriber.own] });
    }
    // Only real pages are counted: the counts are shown to every reader.
    const claimed = view?.page ?? message.page;
    const page = claimed !== undefined && this.options.isPage(claimed) ? claimed : null;
    if (page !== subscriber.page) {
      subscriber.page = page;
      this.scheduleReaders();
    }
    this.setChannels(subscriber, message.channels);
    const replay = message.since === undefined ? null : hub.replay(message.channels, message.since);
    if (replay && !replay.gap) {
      for (const event of replay.events) this.sendEvent(subscriber, event);
      subscriber.coveredThrough = this.received;
      return;
    }
    if (replay?.gap) this.send(subscriber, { type: 'gap', since: message.since as number });
    this.sendSnapshot(subscriber);
  }

  private sendSnapshot(subscriber: Subscriber): void {
    const snapshot = this.options.hub.snapshot([...subscriber.channels]);
    const shared = snapshotEventsWithin(snapshot.events, this.limits.maxSnapshotBytes);
    const mine = shared.events.filter((event) => this.isOwn(subscriber, event)).map((event) => event.id);
    this.sendBytes(subscriber, snapshotMessage(shared, snapshot.lastId, mine));
    subscriber.coveredThrough = this.received;
  }

  private setChannels(subscriber: Subscriber, channels: readonly Channel[]): void {
    subscriber.channels = new Set(channels);
    subscriber.channelKey = [...subscriber.channels].sort().join();
  }

  /** Tells every subscriber when the shared feed is out of reach or back, and replaces what a gap made incomplete. */
  private onWireChange(change: WireChange): void {
    // The same message for every subscriber: serialised once.
    const message = encodeMessage(
      change.type === 'status' ? { type: 'wire', status: change.status } : { type: 'gap', since: change.since },
    );
    for (const subscriber of this.subscribers) {
      if (change.type === 'status') {
        this.sendBytes(subscriber, message);
      } else if (subscriber.channels.size > 0) {
        this.sendBytes(subscriber, message);
        this.sendSnapshot(subscriber);
      }
    }
  }

  private fanOut(event: FeedEvent): void {
    this.pending.push(event);
    this.received++;
    if (this.cancelFlush) return;
    const delayMs = Math.min(this.limits.maxBatchDelayMs, this.subscribers.size * BATCH_DELAY_MS_PER_SUBSCRIBER);
    if (delayMs < 1) {
      const immediate = setImmediate(() => this.flush());
      this.cancelFlush = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(() => this.flush(), delayMs);
      this.cancelFlush = () => clearTimeout(timer);
    }
  }

  /**
   * Sends what the hub published since the last flush: during one turn of the event loop, or with
   * many subscribers during up to maxBatchDelayMs. Writing to a TLS socket costs
   * far more per write than per byte, and a busy feed is many small writes, so each subscriber is
   * sent its channels' events together, as frames made once for every socket and shared by every
   * subscriber of the same channels. One who is owed a 'dropped' notice, has events of its own
   * (marked `mine`), or has just been sent some of them by a replay is sent its events one by one.
   */
  private flush(): void {
    this.cancelFlush = null;
    const events = this.pending;
    this.pending = [];
    /** The number of `events[0]`: event i is number first + i. */
    const first = this.received - events.length + 1;
    const framesByChannels = new Map<string, Buffer[] | null>();
    const sharedFrames = ({ channels, channelKey }: Subscriber) => {
      let frames = framesByChannels.get(channelKey);
      if (frames === undefined) {
        frames = framesOf(events.filter((event) => channels.has(event.channel)));
        framesByChannels.set(channelKey, frames);
      }
      return frames;
    };
    for (const subscriber of this.subscribers) {
      const { channels, ws } = subscriber;
      if (channels.size === 0 || ws.readyState !== ws.OPEN) continue;
      const shareable =
        subscriber.dropped === 0 && first > subscriber.coveredThrough && !this.hasOwn(subscriber, events);
      const frames = shareable ? sharedFrames(subscriber) : null;
      if (frames === null) {
        events.forEach((event, i) => {
          if (first + i > subscriber.coveredThrough && channels.has(event.channel)) this.sendEvent(subscriber, event);
        });
      } else {
        subscriber.dropped += frames.length - subscriber.out.sendFrames(frames);
      }
    }
  }

  /** Whether any of the events on the subscriber's channels is about one of its own connections. */
  private hasOwn(subscriber: Subscriber, events: readonly FeedEvent[]): boolean {
    for (const event of events)
      if (subscriber.channels.has(event.channel) && this.isOwn(subscriber, event)) return true;
    return false;
  }

  /** The same bytes for every subscriber, serialised once; only the reader it is about gets `mine`. */
  private sendEvent(subscriber: Subscriber, event: FeedEvent): void {
    this.sendBytes(subscriber, eventMessage(event, this.isOwn(subscriber, event)));
  }

  private isOwn(subscriber: Subscriber, event: FeedEvent): boolean {
    const connection = connectionOf(event);
    return connection !== null && subscriber.own.has(connection);
  }

  private send(subscriber: Subscriber, message: ServerMessage): void {
    this.sendBytes(subscriber, encodeMessage(message));
  }

  /** Sends unless the socket is too far behind; what is dropped is counted and reported once it catches up. */
  private sendBytes(subscriber: Subscriber, message: MessageBytes): void {
    const { ws, out } = subscriber;
    if (ws.readyState !== ws.OPEN) return;
    if (subscriber.dropped > 0 && out.send(encodeMessage({ type: 'dropped', count: subscriber.dropped })))
      subscriber.dropped = 0;
    if (!out.send(message)) subscriber.dropped++;
  }

  /**
   * Says why, then closes; what was still waiting to be sent is left out. The error message goes
   * unless the socket is still busy with an earlier message; the close frame's reason always says why.
   */
  private fail(subscriber: Subscriber, code: string, closeCode: number, reason: string): void {
    if (!subscriber.out.clear()) this.send(subscriber, { type: 'error', code, reason });
    this.guard.end(subscriber.ws, closeCode, reason);
  }

  private scheduleReaders(): void {
    if (this.readersTimer || this.closing) return;
    // Coalesce a burst of arrivals and departures into one event.
    this.readersTimer = setTimeout(() => {
      this.readersTimer = null;
      this.options.hub.setReaders(this.readerCounts());
    }, 250);
    this.readersTimer.unref();
  }
}

/** The events' shared frames; null when one is too long for a single frame (it goes as fragments). */
function framesOf(events: readonly FeedEvent[]): Buffer[] | null {
  const frames: Buffer[] = [];
  for (const event of events) {
    const { frame, message } = sharedEvent(event);
    if (message.length > FRAGMENT_BYTES) return null;
    frames.push(frame);
  }
  return frames;
}
