import pino from 'pino';
import SonicBoom from 'sonic-boom';

export type Logger = pino.Logger;

const FLUSH_EVERY_MS = 1000;
const BATCH_BYTES = 4096;
/** What may wait for a stdout that is not being read; beyond it, lines are dropped and counted. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

/**
 * JSON lines, on stdout unless told otherwise; LOG_LEVEL=silent quiets it.
 *
 * Lines are gathered here and handed to stdout 4 KiB at a time (one write call for dozens of request
 * lines), at least once a second, and in full when the process exits. The gathering is ours rather
 * than sonic-boom's `minLength`, which measures its whole pending text on every line (about 8 KB
 * copied per request line under load). Writes are asynchronous, so a stdout nobody reads never
 * stalls the server, and bounded: past MAX_PENDING_BYTES lines are dropped, and the next line that
 * gets through says how many.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
  if (destination) return pino(options, destination);
  const stdout = new SonicBoom({ fd: 1, sync: false, maxLength: MAX_PENDING_BYTES });
  let closed = false;
  stdout.on('close', () => (closed = true));
  stdout.on('error', () => undefined); // a closed stdout (EPIPE) must not take the server down
  let dropped = 0;
  stdout.on('drop', () => dropped++);
  let lines: string[] = [];
  let pending = 0;
  const handOver = () => {
    if (lines.length === 0 || closed) return;
    const batch = lines.join('');
    lines = [];
    pending = 0;
    stdout.write(batch);
  };
  setInterval(handOver, FLUSH_EVERY_MS).unref();
  process.on('exit', () => {
    handOver();
    try {
      if (!closed) stdout.flushSync();
    } catch {
      // stdout is gone (EPIPE): there is no one left to tell
    }
  });
  const logger = pino(options, {
    write(line: string) {
      lines.push(line);
      pending += line.length;
      if (pending >= BATCH_BYTES) handOver();
    },
  });
  // Said once stdout is read again: a reader of the log knows lines are missing, and how many.
  stdout.on('drain', () => {
    if (dropped === 0) return;
    const count = dropped;
    dropped = 0;
    logger.warn({ droppedBatches: count }, 'stdout was not being read; log lines were dropped');
  });
  return logger;
}
