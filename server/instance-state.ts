import { ChangingFiles } from './files/changing-files';
import { RedisVersions } from './files/redis-versions';
import { MemoryHub, type FeedHub } from './feed/hub';
import { RedisHub, type RedisHubOptions } from './feed/redis-hub';
import { RedisViewTokens } from './feed/redis-view-tokens';
import { ViewTokens, type ViewTokenStore } from './feed/view-tokens';
import type { Logger } from './logger';
import { connectRedis, type RedisClient } from './redis';

/** What an instance shares with the others when there are several: the feed, view tokens, changing files. */
export interface InstanceState {
  hub: FeedHub;
  tokens: ViewTokenStore;
  changingFiles: ChangingFiles;
  /** Where it lives, for the log. */
  sharedThrough: 'memory' | 'redis';
  close(): Promise<void>;
}

export interface InstanceStateOptions {
  /** Unset: everything in this process's memory. */
  redisUrl: string | null;
  logger: Logger;
  /** Keys in Redis start with this. */
  prefix?: string;
  bufferSize?: number;
  /** Tuning for tests: how fast reader counts expire, how long reads block. */
  hub?: Pick<RedisHubOptions, 'readersTtlMs' | 'blockMs' | 'stallMs' | 'catchUpMs'>;
}

/**
 * The state of one instance: in memory (the default, one process), or in Redis so that any number
 * of processes and machines are one site. Connecting fails with an error naming REDIS_URL.
 */
export async function openInstanceState(options: InstanceStateOptions): Promise<InstanceState> {
  const { redisUrl, logger, prefix = 'wirebook:', bufferSize } = options;
  if (redisUrl === null) {
    const hub = new MemoryHub({ bufferSize });
    return {
      hub,
      tokens: new ViewTokens(),
      changingFiles: new ChangingFiles(),
      sharedThrough: 'memory',
      close: () => hub.close(),
    };
  }
  const client = await connectRedis({ url: redisUrl, logger, name: 'commands' });
  let reader: RedisClient | null = null;
  try {
    // Blocking stream reads get a connection of their own, so commands never wait behind them.
    reader = await connectRedis({ url: redisUrl, logger, name: 'feed reader' });
    const hub = new RedisHub({ client, reader, logger, prefix, bufferSize, ...options.hub });
    await hub.start();
    return {
      hub,
      tokens: new RedisViewTokens({ local: new ViewTokens(), client, prefix }),
      changingFiles: new ChangingFiles(new RedisVersions({ client, prefix })),
      sharedThrough: 'redis',
      async close() {
        await hub.close();
        client.destroy();
      },
    };
  } catch (error) {
    reader?.destroy();
    client.destroy();
    throw error;
  }
}
