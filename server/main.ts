import http from 'node:http';
import type { AddressInfo, Server } from 'node:net';
import type { LabSettings } from '../shared/page';
import { ConfigError, configFromEnv } from './config';
import { createApp } from './app';
import { loadClientBuild } from './client-build';
import { LiveWire } from './feed/live-wire';
import { closeH1Server, createH1Server } from './h1-server';
import { createLogger } from './logger';
import { httpsLocation } from './redirects';
import { CLIENT_BUILD_DIR, PAGES_CODE_DIR, PAGES_DIR, PROJECT_ROOT } from './paths';
import { createSecureServer } from './secure-server';
import { loadSite } from './site';
import { loadTlsMaterial } from './tls';

const SHUTDOWN_GRACE_MS = 8000;

/** A plain-HTTP listener whose only job is to send readers to the HTTPS origin. */
function createRedirectServer(publicOrigin: string): http.Server {
  return http.createServer((req, res) => {
    const location = httpsLocation(req.url, publicOrigin);
    res.writeHead(308, { Location: location, 'Content-Type': 'text/plain' }).end(`Moved to ${location}\n`);
  });
}

/** Listens, or fails saying which setting names a port that cannot be used. */
function listen(server: Server, port: number, host: string, setting: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new ConfigError(`Cannot listen on ${host}:${port} (${setting}): ${error.code ?? error.message}`)),
    );
    server.listen(port, host, resolve);
  });
}

async function main(): Promise<void> {
  const config = configFromEnv(process.env, PROJECT_ROOT);
  const logger = createLogger(config.logLevel);
  const tls = await loadTlsMaterial(config);
  const site = loadSite({ pagesDir: PAGES_DIR, pagesCodeDir: PAGES_CODE_DIR });
  const wire = new LiveWire({
    isAllowedOrigin: (origin) => config.feedOrigins.includes(origin),
    isPage: (slug) => site.find(slug) !== undefined,
    logger,
  });
  const labs: LabSettings = { h1Port: config.h1Port, tileDelayMs: config.tileDelayMs };
  const app = createApp({
    site,
    wire,
    build: loadClientBuild(CLIENT_BUILD_DIR),
    logger,
    publicOrigin: config.publicOrigin,
    renderDeadlineMs: config.renderDeadlineMs,
    labs,
    // The labs that request this server from itself go through loopback when it listens everywhere.
    ownAddress: () => ({
      host: { '0.0.0.0': '127.0.0.1', '::': '::1' }[config.host] ?? config.host,
      port: (secure.server.address() as AddressInfo).port,
    }),
  });
  const secure = createSecureServer(app, tls);
  wire.attach(secure);
  await listen(secure.server, config.port, config.host, 'PORT');
  const redirect = config.httpPort === null ? null : createRedirectServer(config.publicOrigin);
  if (redirect) await listen(redirect, config.httpPort as number, config.host, 'HTTP_PORT');
  const h1 = config.h1Port === null ? null : createH1Server(tls, labs, logger);
  if (h1) {
    await listen(h1, config.h1Port as number, config.host, 'H1_PORT');
    labs.h1Port = (h1.address() as AddressInfo).port;
  }

  const address = secure.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  wire.watchSockets(port);
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  logger.info({ port, pages: site.pages.length, generatedCertificate: tls.generated }, 'listening');
  // The one line a developer looks for, plain on purpose.
  const extras = [
    ...(redirect ? [`http on ${config.httpPort}, redirecting`] : []),
    ...(labs.h1Port === null ? [] : [`HTTP/1.1 only on ${labs.h1Port}, for the HTTP/2 lab`]),
  ];
  process.stdout.write(
    `Wirebook is serving https://${shown}:${port}/${extras.length > 0 ? ` (and ${extras.join('; ')})` : ''}\n`,
  );

  let stopping = false;
  const stop = (signal: string, exitCode = 0) => {
    process.exitCode = Math.max(Number(process.exitCode ?? 0), exitCode);
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    redirect?.close();
    redirect?.closeAllConnections();
    wire.close();
    // In-flight requests on either TLS port finish before the process exits.
    Promise.all([
      h1 && closeH1Server(h1, SHUTDOWN_GRACE_MS),
      secure.shutdown(SHUTDOWN_GRACE_MS, wire.serverClosesSession),
    ]).then(() => {
      logger.info('stopped');
      process.exit();
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // Last resort, for a bug that escaped every other handler: the process may be in a state nobody
  // planned for, so it stops taking work, lets what is in flight finish and exits 1 for its
  // supervisor to start a fresh one.
  const fail = (error: unknown, kind: string) => {
    logger.fatal({ err: error }, `${kind}; shutting down`);
    stop(kind, 1);
  };
  process.on('uncaughtException', (error) => fail(error, 'uncaught exception'));
  process.on('unhandledRejection', (reason) => fail(reason, 'unhandled rejection'));
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError || (error as { code?: string })?.code?.startsWith('WB_ERR')
      ? (error as Error).message
      : error;
  console.error('Wirebook could not start:', message);
  process.exit(1);
});
