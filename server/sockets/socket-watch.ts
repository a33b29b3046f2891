import fs from 'node:fs/promises';
import type { FeedHub } from '../feed/hub';
import { countSocketStates, type StateCounts } from './proc-net-tcp';

export interface SocketWatchOptions {
  port: number;
  hub: FeedHub;
  intervalMs?: number;
  /** The kernel's socket tables; the first must exist, the others (IPv6) may not. */
  tables?: string[];
}

/**
 * Reads the kernel's socket table for the server's port every `intervalMs` and publishes the
 * count of sockets in each state on the `sockets` channel whenever it changes. Where the table
 * cannot be read (not Linux, no /proc), it publishes why, once, instead of inventing numbers.
 */
export function watchSocketStates({
  port,
  hub,
  intervalMs = 1000,
  tables = ['/proc/net/tcp', '/proc/net/tcp6'],
}: SocketWatchOptions): () => void {
  let last = '';
  let reading = false;
  const read = async () => {
    if (reading) return;
    reading = true;
    try {
      const counts: StateCounts = {};
      for (const [index, table] of tables.entries()) {
        const text = await fs.readFile(table, 'utf8').catch((error: NodeJS.ErrnoException) => {
          if (index > 0 && error.code === 'ENOENT') return ''; // no IPv6 on this host
          throw error;
        });
        countSocketStates(text, port, counts);
      }
      publish({ port, counts });
    } catch (error) {
      publish({
        port,
        unavailable: `the socket table cannot be read here (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      });
    } finally {
      reading = false;
    }
  };
  const publish = (data: { port: number; counts: StateCounts } | { port: number; unavailable: string }) => {
    const key = JSON.stringify(data);
    if (key === last) return;
    last = key;
    hub.publish('sockets', data);
  };
  void read();
  const timer = setInterval(read, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
