import { ConfigError, configFromEnv } from './config';
import { createLogger } from './logger';
import { PROJECT_ROOT } from './paths';
import { loadTlsMaterial } from './tls';
import { createWirebook } from './wirebook';

const SHUTDOWN_GRACE_MS = 8000;

async function main(): Promise<void> {
  const config = Object.freeze(configFromEnv(process.env, PROJECT_ROOT));
  const logger = createLogger(config.logLevel);
  const tls = await loadTlsMaterial(config);
  const wirebook = createWirebook({ config, tls, logger });
  const { host, port, h1Port, httpPort } = await wirebook.listen();

  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  logger.info({ port, pages: wirebook.site.pages.length, generatedCertificate: tls.generated }, 'listening');
  // The one line a developer looks for, plain on purpose.
  const extras = [
    ...(httpPort === null ? [] : [`http on ${httpPort}, redirecting`]),
    ...(h1Port === null ? [] : [`HTTP/1.1 only on ${h1Port}, for the HTTP/2 lab`]),
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
    // In-flight requests on either TLS port finish before the process exits.
    void wirebook.close(SHUTDOWN_GRACE_MS).then(() => {
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
