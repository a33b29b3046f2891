import cluster from 'node:cluster';
import { ConfigError, configFromEnv } from './config';
import { createLogger } from './logger';
import { CLIENT_BUILD_DIR, DEV_CLIENT_BUILD_DIR, PROJECT_ROOT } from './paths';
import { loadTlsMaterial } from './tls';
import { createWirebook } from './wirebook';
import { openInstanceState } from './instance-state';
import { runPrimary, SERVING_LINE } from './workers';

const SHUTDOWN_GRACE_MS = 8000;

async function main(): Promise<void> {
  const config = Object.freeze(configFromEnv(process.env, PROJECT_ROOT));
  const logger = createLogger(config.logLevel);
  if (config.workers > 1 && cluster.isPrimary) return runPrimary(config, logger);
  const tls = await loadTlsMaterial(config);
  const state = await openInstanceState({ redisUrl: config.redisUrl, logger });
  const wirebook = createWirebook({
    config,
    tls,
    logger,
    state,
    devReload: config.dev,
    clientBuildDir: config.dev ? DEV_CLIENT_BUILD_DIR : CLIENT_BUILD_DIR,
  });
  const { host, port, h1Port, httpPort } = await wirebook.listen();

  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  logger.info(
    {
      port,
      pages: wirebook.site.pages.length,
      generatedCertificate: tls.generated,
      sharedThrough: state.sharedThrough,
    },
    'listening',
  );
  // The one line a developer looks for, plain on purpose (a cluster's primary prints it for all).
  const extras = [
    ...(httpPort === null ? [] : [`http on ${httpPort}, redirecting`]),
    ...(h1Port === null ? [] : [`HTTP/1.1 only on ${h1Port}, for the HTTP/2 lab`]),
  ];
  const line = `${SERVING_LINE} https://${shown}:${port}/${extras.length > 0 ? ` (and ${extras.join('; ')})` : ''}`;
  if (cluster.isWorker) process.send?.({ type: 'serving', line });
  else process.stdout.write(`${line}\n`);

  let stopping = false;
  const stop = (signal: string, exitCode = 0) => {
    process.exitCode = Math.max(Number(process.exitCode ?? 0), exitCode);
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Whatever the sockets do, the process ends: the servers destroy what is left at the grace
    // period, and this is the backstop should anything else hold the event loop.
    setTimeout(() => process.exit(), SHUTDOWN_GRACE_MS + 1000).unref();
    // In-flight requests on either TLS port finish before the process exits.
    void wirebook
      .close(SHUTDOWN_GRACE_MS)
      .then(() => state.close())
      .then(() => {
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
