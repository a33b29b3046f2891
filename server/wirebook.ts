import http from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import type { Express } from 'express';
import type { LabSettings } from '../shared/page';
import { createApp } from './app';
import { loadClientBuild, type ClientBuild } from './client-build';
import { ConfigError, type Config } from './config';
import { createDevReload } from './dev-reload';
import type { FeedLimits } from './feed/feed-server';
import { LiveWire } from './feed/live-wire';
import { closeH1Server, createH1Server } from './h1-server';
import type { Logger } from './logger';
import { CLIENT_BUILD_DIR, PAGES_CODE_DIR, PAGES_DIR } from './paths';
import { httpsLocation } from './redirects';
import type { InstanceState } from './instance-state';
import { createSecureServer, type SecureServer } from './secure-server';
import { loadSite, type Site } from './site';
import type { TlsMaterial } from './tls';

/** The settings the server is built from: what `configFromEnv` reads, less what only start-up needs. */
export type WirebookConfig = Readonly<
  Pick<
    Config,
    | 'host'
    | 'port'
    | 'httpPort'
    | 'h1Port'
    | 'publicOrigin'
    | 'feedOrigins'
    | 'renderDeadlineMs'
    | 'shedLagMs'
    | 'tileDelayMs'
    | 'connections'
  >
>;

export interface WirebookOptions {
  config: WirebookConfig;
  tls: TlsMaterial;
  logger: Logger;
  /** Where pages' prose is read from; pages/ of the checkout by default. */
  pagesDir?: string;
  /** Where pages' code is required from; PAGES_CODE_DIR by default, `pagesDir` when that is given. */
  pagesCodeDir?: string;
  /** The client build; dist/client by default. */
  clientBuildDir?: string;
  feedLimits?: Partial<FeedLimits>;
  /** Events the feed hub keeps per channel. */
  bufferSize?: number;
  /** The feed hub, view tokens and changing files shared through Redis (openInstanceState); this process's own by default. */
  state?: Pick<InstanceState, 'hub' | 'tokens' | 'changingFiles'>;
  /** How often the server's socket states are read for the wire (the watcher's default when absent). */
  socketWatchIntervalMs?: number;
  /**
   * Which page origins may open the live feed; `config.feedOrigins` when absent. Called with the
   * origin and the port the secure server listens on, for tests whose origin depends on it.
   */
  isAllowedFeedOrigin?: (origin: string, port: number) => boolean;
  /** For `npm run dev`: pages load a script that reloads them when the server restarts. Never in production. */
  devReload?: boolean;
}

/** Where a started Wirebook listens; every port as bound (so `0` in the config reads back here). */
export interface WirebookAddresses {
  host: string;
  /** The TLS port: h2 and HTTP/1.1. */
  port: number;
  /** The HTTP/1.1-only TLS port of the waterfall lab; null when off. */
  h1Port: number | null;
  /** The plain-HTTP port that redirects to HTTPS; null when off. */
  httpPort: number | null;
}

export interface RunningWirebook extends WirebookAddresses {
  /** The labs' settings the pages state, complete now that every port is bound. */
  labs: LabSettings;
  app: Express;
  secure: SecureServer;
}

export interface Wirebook {
  site: Site;
  build: ClientBuild;
  wire: LiveWire;
  /**
   * Binds every port (the lab port first, so the settings the app is built with are complete and
   * never change after), then serves. Fails with a ConfigError naming the setting whose port cannot
   * be used. Call once.
   */
  listen(): Promise<RunningWirebook>;
  /**
   * Stops accepting, closes feed sockets with 1001 and HTTP/2 sessions with GOAWAY, lets in-flight
   * responses on every port finish; whatever is still open after `graceMs` is destroyed.
   */
  close(graceMs: number): Promise<void>;
}

/** A plain-HTTP listener whose only job is to send readers to the HTTPS origin. */
function createRedirectServer(publicOrigin: string): http.Server {
  return http.createServer((req, res) => {
    const location = httpsLocation(req.url, publicOrigin);
    res.writeHead(308, { Location: location, 'Content-Type': 'text/plain' }).end(`Moved to ${location}\n`);
  });
}

/** Listens, or fails saying which setting names a port that cannot be used; returns the bound port. */
function listen(server: Server, port: number, host: string, setting: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) =>
      reject(new ConfigError(`Cannot listen on ${host}:${port} (${setting}): ${error.code ?? error.message}`));
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** The address the labs that request this server from itself use: loopback when it listens everywhere. */
function loopbackFor(host: string): string {
  return { '0.0.0.0': '127.0.0.1', '::': '::1' }[host] ?? host;
}

/**
 * The whole server, built in one place for `main.ts`, the tests and the benchmarks: the site from
 * pages/, the client build, the live wire, the Express app on the TLS port (h2 and HTTP/1.1), the
 * HTTP/1.1-only lab port and the plain-HTTP redirect port. Nothing listens until `listen()`.
 */
export function createWirebook(options: WirebookOptions): Wirebook {
  const { config, tls, logger } = options;
  const site = loadSite({
    pagesDir: options.pagesDir ?? PAGES_DIR,
    pagesCodeDir: options.pagesCodeDir ?? options.pagesDir ?? PAGES_CODE_DIR,
  });
  const dev = options.devReload ? createDevReload() : null;
  const loaded = loadClientBuild(options.clientBuildDir ?? CLIENT_BUILD_DIR);
  const build = dev ? dev.withReloadScript(loaded) : loaded;
  let running: RunningWirebook | null = null;
  const wire = new LiveWire({
    isAllowedOrigin: (origin) =>
      options.isAllowedFeedOrigin
        ? running !== null && options.isAllowedFeedOrigin(origin, running.port)
        : config.feedOrigins.includes(origin),
    isPage: (slug) => site.find(slug) !== undefined,
    logger,
    limits: options.feedLimits,
    bufferSize: options.bufferSize,
    hub: options.state?.hub,
    tokens: options.state?.tokens,
  });
  const h1 =
    config.h1Port === null
      ? null
      : createH1Server(tls, { tileDelayMs: config.tileDelayMs }, logger, config.connections);
  const redirect = config.httpPort === null ? null : createRedirectServer(config.publicOrigin);

  const listenAll = async (): Promise<RunningWirebook> => {
    const h1Port = h1 && config.h1Port !== null ? await listen(h1, config.h1Port, config.host, 'H1_PORT') : null;
    const labs: LabSettings = Object.freeze({ h1Port, tileDelayMs: config.tileDelayMs });
    const app = createApp({
      site,
      wire,
      build,
      logger,
      publicOrigin: config.publicOrigin,
      renderDeadlineMs: config.renderDeadlineMs,
      shedLagMs: config.shedLagMs,
      labs,
      changingFiles: options.state?.changingFiles,
      ownAddress: () => ({ host: loopbackFor(config.host), port: (secure.server.address() as AddressInfo).port }),
      devRoutes: dev?.router,
    });
    const secure = createSecureServer(app, tls, config.connections);
    wire.attach(secure);
    const port = await listen(secure.server, config.port, config.host, 'PORT');
    const httpPort =
      redirect && config.httpPort !== null ? await listen(redirect, config.httpPort, config.host, 'HTTP_PORT') : null;
    wire.watchSockets(port, options.socketWatchIntervalMs);
    running = { host: config.host, port, h1Port, httpPort, labs, app, secure };
    return running;
  };

  let listening: Promise<RunningWirebook> | null = null;
  return {
    site,
    build,
    wire,
    listen: () => {
      listening ??= listenAll();
      return listening;
    },
    close: async (graceMs) => {
      redirect?.close();
      redirect?.closeAllConnections();
      dev?.close();
      wire.close();
      const started = await listening?.catch(() => null);
      await Promise.all([
        h1?.listening ? closeH1Server(h1, graceMs) : null,
        started?.secure.shutdown(graceMs, wire.serverClosesSession),
      ]);
    },
  };
}
