import type { Http2Session } from 'node:http2';
import type { Request, Response } from 'express';
import { connectionOf, type Channel, type YourConnectionInfo } from '../../shared/feed/protocol';
import type { WireState } from '../../shared/feed/state';
import type { Logger } from '../logger';
import type { SecureServer, UpgradeHandler } from '../secure-server';
import { watchSocketStates } from '../sockets/socket-watch';
import { protocolOf, routePatternOf, streamIdOf, type ResponseObserver, type ResponseRecord } from '../request-log';
import { ConnectionRegistry } from './connections';
import { DEFAULT_FEED_LIMITS, FeedServer, type FeedLimits } from './feed-server';
import { EchoLab } from '../websocket/echo-lab';
import { refuseUpgrade, SocketGuard } from '../websocket/socket-guard';
import { MemoryHub, type FeedHub } from './hub';
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
  private stopSocketWatch: (() => void) | null = null;

  constructor(options: LiveWireOptions) {
    this.hub = options.hub ?? new MemoryHub({ bufferSize: options.bufferSize });
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
      const endpoint = endpoints[(req.url ?? '').split('?')[0]];
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

  /** What a page rendered for this request shows of the wire, with a fresh view token. */
  pageState(req: Request, slug: string, channels: Channel[]): WireState {
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
    const snapshot = this.hub.snapshot(channels, RENDERED_EVENTS);
    // Channels that carry a state (the latest event is the truth now) keep it however old it is.
    const current = channels.filter((c) => STATE_CHANNELS.includes(c)).flatMap((c) => this.hub.snapshot([c], 1).events);
    const events = [...new Map([...current, ...snapshot.events].map((e) => [e.id, e])).values()].sort(
      (a, b) => a.id - b.id,
    );
    return {
      channels,
      token: you ? this.tokens.issue(you, slug) : null,
      lastId: snapshot.lastId,
      events,
      mine: you ? events.filter((e) => connectionOf(e) === you.connection).map((e) => e.id) : [],
      you,
      readers: this.feed.readerCounts(),
      interrupted: this.hub.status === 'interrupted',
    };
  }

  /** The HTTP responses tap. An h2 request loses its session when its stream ends: look it up now. */
  observeResponse: ResponseObserver = (req, res) => {
    const connection = this.registry.find(req.socket);
    const streamId = streamIdOf(req);
    return (record) => {
      if (connection) this.publishResponse(req, res, record, connection.id, streamId);
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
      method: record.method,
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
