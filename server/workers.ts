import cluster, { type Worker } from 'node:cluster';
import type { Config } from './config';
import type { Logger } from './logger';
import { connectRedis } from './redis';

export const SERVING_LINE = 'Wirebook is serving';

/** A worker that dies while serving is replaced after this long. */
const RESTART_DELAY_MS = 1000;
/** Beyond the workers' own grace period, the primary stops waiting and ends them. */
const STOP_TIMEOUT_MS = 12_000;

/**
 * The primary of WORKERS=N: checks that REDIS_URL answers (the workers share everything through
 * it), forks N full instances that share the listening ports, prints the one "serving" line once
 * all listen, replaces a worker that dies, and on SIGTERM or SIGINT stops them all gracefully.
 * A worker that fails before it is serving stops the whole start-up: its error is the reason.
 */
export async function runPrimary(config: Config, logger: Logger): Promise<void> {
  const probe = await connectRedis({ url: config.redisUrl as string, logger, name: 'start-up check' });
  probe.destroy();

  let stopping = false;
  let serving = 0;
  /** Whether all N have been serving at once: after that, a death is replaced rather than fatal. */
  let started = false;
  let exitCode = 0;
  const fork = (): Worker => {
    const worker = cluster.fork();
    let ready = false;
    worker.on('message', (message: { type?: string; line?: string }) => {
      if (message.type !== 'serving' || ready) return;
      ready = true;
      if (++serving < config.workers || started) return;
      started = true;
      const pids = Object.values(cluster.workers ?? {}).map((w) => w?.process.pid);
      logger.info({ workers: pids }, 'all workers serving');
      process.stdout.write(`${message.line} with ${config.workers} worker processes\n`);
    });
    worker.on('exit', (code, signal) => {
      if (ready) serving--;
      if (stopping) return;
      if (!started) {
        // Failing at start-up (its error is on stderr): starting more would fail the same way.
        exitCode = code || 1;
        stop('a worker failed to start');
        return;
      }
      logger.error({ worker: worker.id, code, signal }, 'a worker died; starting another');
      setTimeout(() => !stopping && fork(), RESTART_DELAY_MS).unref();
    });
    return worker;
  };
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping the workers');
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    const exited = workers.map(
      (w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve()))),
    );
    for (const worker of workers) worker.process.kill('SIGTERM');
    const deadline = setTimeout(() => {
      for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    Promise.all(exited).then(() => {
      clearTimeout(deadline);
      logger.info('stopped');
      process.exit(exitCode);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < config.workers; i++) fork();
}
