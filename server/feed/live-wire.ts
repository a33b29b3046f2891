import type { Http2Session } from 'node:http2';
import { performance } from 'node:perf_hooks';
import type { Request, Response } from 'express';
import { connectionOf, type Channel, type YourConnectionInfo } from '../../shared/feed/protocol';
import type { ReaderWire, SharedWire } from '../../shared/feed/state';
import type { Logger } from '../logger';
import type { SecureServer, UpgradeHandler } from '../secure-server';
import { watchSocketStates } from '../sockets/socket-watch';
import { protocolOf, routePatternOf, streamIdOf, type ResponseObserver, type ResponseRecord } from '../request-log';
import { ConnectionRegistry } from './connections';
import { DEFAULT_FEED_LIMITS, FeedServer, type FeedLimits } from './feed-server';
import { EchoLab } from '../websocket/echo-lab';
import { refuseUpgrade, SocketGuard } from '../websocket/socket-guard';
import { MemoryHub, type FeedHub } from './hub';
import { BoundedHub, methodOnWire, newestWithin } from './event-bounds';
import { jsonOf } from './wire-messages';
import { tapConnections, type ConnectionTaps } from './taps';
import { ViewTokens, type ViewTokenStore } from './view-tokens';
import { ENDPOINTS } from '../../shared/endpoints';

export interface LiveWireOptions {
  isAllowedOrigin: (origin: string) => boolean;
  /** Whether a slug names a page of the site. */
  isPage: (slug: string) => boolean;
  logger: Logger;
  limits?: Partial<FeedLimits>;
  /** Events kept per channel. */
  bufferSize?: number;
  /** The feed shared through Redis; by default one in this process's memory. */
  hub?: FeedHub;
  /** View tokens every instance can resolve; by default this process's own. */
  tokens?: ViewTokenStore;
}

/** How many recent events a server-rendered page shows before its feed takes over. */
const RENDERED_EVENTS = 30;
/** What those events may weigh in the page, as JSON. */
const RENDERED_EVENTS_MAX_BYTES = 16 * 1024;
/** How old the wire snapshot a page is rendered with may be. */
const SNAPSHOT_MAX_AGE_MS = 100;
const STATE_CHANNELS: readonly Channel[] = ['readers', 'sockets'];

/**
 * The live wire: the hub, the taps that feed it, the /live endpoint that serves it, and what a
 * rendered page needs of it. One per process.
 */
export class LiveWire {
  readonly hub: FeedHub;
  readonly registry = new ConnectionRegistry();
  readonly tokens: ViewTokenStore;
  readonly feed: FeedServer;
  readonly echo: EchoLab;
  private readonly guard: SocketGuard;
  private taps: ConnectionTaps | null = null;
  private readonly snapshots = new Map<string, { takenAt: number; wire: SharedWire }>();
  private stopSocketWatch: (() => void) | null = null;

  constructor(options: LiveWireOptions) {
    // Capped on the way in: nothing a client typed reaches another reader at any length.
    this.hub = new BoundedHub(options.hub ?? new MemoryHub({ bufferSize: options.bufferSize }));
    this.tokens = options.tokens ?? new ViewTokens();
    const limits = { ...DEFAULT_FEED_LIMITS, ...options.limits };
    this.guard = new SocketGuard(limits, options.isAllowedOrigin);
    this.echo = new EchoLab(limits, this.guard, options.logger);
    this.feed = new FeedServer({
      guard: this.guard,
      hub: this.hub,
      registry: this.registry,
      tokens: this.tokens,
      isPage: options.isPage,
      limits: options.limits,
      logger: options.logger,
    });
  }

  /** Taps the server's connections and serves /live and the echo lab on its WebSocket upgrade path. */
  attach(secure: SecureServer): void {
    this.taps = tapConnections(secure.server, this.hub, this.registry);
    const endpoints: Record<string, UpgradeHandler> = {
      [ENDPOINTS.feed]: this.feed.handleUpgrade,
      [ENDPOINTS.echo]: this.echo.handleUpgrade,
    };
    secure.onWebSocketUpgrade((req, socket, head) => {
      socket.on('error', () => socket.destroy());
      const endpoint = endpoints[(req.url ?? '').split('?')[0] ?? ''];
      if (!endpoint)
        return refuseUpgrade(socket, {
          status: 404,
          message: `Not found: the WebSocket endpoints are ${Object.keys(endpoints).join(' and ')}`,
        });
      endpoint(req, socket, head);
    });
  }

  /** Publishes the server's socket states on `port` (once it is listening). */
  watchSockets(port: number, intervalMs?: number): void {
    this.stopSocketWatch?.();
    this.stopSocketWatch = watchSocketStates({ port, hub: this.hub, intervalMs });
  }

  /**
   * What a page rendered for this request shows of the wire: the snapshot every reader of these
   * channels shares at this moment, and this reader's own part (a fresh view token, their connection,
   * their events in the snapshot).
   */
  pageState(req: Request, slug: string, channels: Channel[]): { shared: SharedWire; reader: ReaderWire } {
    const connection = this.registry.find(req.socket);
    const you: YourConnectionInfo | null = connection
      ? {
          connection: connection.id,
          protocol: protocolOf(req),
          alpn: connection.tls?.alpn ?? '?',
          tlsVersion: connection.tls?.version ?? '?',
          cipher: connection.tls?.cipher ?? '?',
          pageStreamId: streamIdOf(req),
        }
      : null;
    const shared = this.snapshot(channels);
    return {
      shared,
      reader: {
        token: you ? this.tokens.issue(you, slug) : null,
        mine: you ? shared.events.filter((e) => connectionOf(e) === you.connection).map((e) => e.id) : [],
        you,
      },
    };
  }

  /**
   * The wire as pages on `channels` show it: the most recent events, and the latest of each channel
   * that carries a state (the truth now, however old), with the readers online. Taken at most every
   * SNAPSHOT_MAX_AGE_MS and shared by the pages rendered meanwhile, so a burst of pages costs one
   * snapshot (and, in the render, one rendering of each live island). A page's feed resumes from
   * the snapshot's last id, so a reader misses nothing for its age.
   */
  private snapshot(channels: Channel[]): SharedWire {
    const key = channels.join(',');
    const now = performance.now();
    const known = this.snapshots.get(key);
    if (known && now - known.takenAt < SNAPSHOT_MAX_AGE_MS) return known.wire;
    const snapshot = this.hub.snapshot(channels, RENDERED_EVENTS);
    const recent = {
      events: newestWithin(snapshot.events, RENDERED_EVENTS_MAX_BYTES, jsonOf),
      lastId: snapshot.lastId,
    };
    // A state channel's latest event is either among the most recent already or older than all of them.
    const oldest = recent.events[0]?.id ?? Infinity;
    const older = channels
      .filter((c) => STATE_CHANNELS.includes(c))
      .flatMap((c) => this.hub.snapshot([c], 1).events)
      .filter((event) => event.id < oldest)
      .sort((a, b) => a.id - b.id);
    const wire: SharedWire = {
      channels,
      lastId: recent.lastId,
      events: older.length > 0 ? [...older, ...recent.events] : recent.events,
      readers: this.feed.readerCounts(),
      interrupted: this.hub.status === 'interrupted',
    };
    // Keyed by the pages' channel sets: a handful.
    this.snapshots.set(key, { takenAt: now, wire });
    return wire;
  }

  /** The HTTP responses tap. An h2 request loses its session when its stream ends: look it up now. */
  observeResponse: ResponseObserver = (req, res) => {
    const connection = this.registry.find(req.socket);
    const streamId = streamIdOf(req);
    return (record) => {
      // A response that never started (its stream reset first) is nothing to show.
      if (connection && res.headersSent) this.publishResponse(req, res, record, connection.id, streamId);
    };
  };

  private publishResponse(
    req: Request,
    res: Response,
    record: ResponseRecord,
    connection: string,
    streamId: number | null,
  ): void {
    this.hub.publish('http', {
      connection,
      streamId,
      method: methodOnWire(record.method),
      route: routePatternOf(req, res),
      status: record.status,
      protocol: record.protocol,
      bytes: record.bytes,
      ms: record.ms,
    });
  }

  /** For the shutdown: GOAWAYs on the wire, then feed sockets closed with 1001. */
  serverClosesSession = (session: Http2Session): void => {
    this.taps?.serverClosesSession(session);
  };

  close(): void {
    this.stopSocketWatch?.();
    this.feed.close();
    this.guard.close();
  }
}
