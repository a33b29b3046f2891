import type { ChildProcess } from 'node:child_process';
import { launchRedis, startRedis } from '../../bench/processes';

export interface RedisServer {
  port: number;
  url: string;
  /** Stops it (its data is not kept: a restart comes back empty, as a Redis without persistence does). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  restart(): Promise<void>;
  /** SIGSTOP: it keeps its connections but answers nothing, as a stalled Redis does; resume() lets it go on. */
  pause(): void;
  resume(): void;
}

/** A real redis-server on a free port of 127.0.0.1, without persistence. */
export async function startRedisServer(): Promise<RedisServer> {
  const started = await startRedis();
  const { port } = started;
  let child: ChildProcess | null = started.child;
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    running.kill('SIGCONT');
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    restart: async () => {
      await stop();
      child = await launchRedis(port);
    },
    pause: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
  };
}
