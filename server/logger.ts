import pino from 'pino';

export type Logger = pino.Logger;

const FLUSH_EVERY_MS = 1000;

/**
 * JSON lines, on stdout unless told otherwise; LOG_LEVEL=silent quiets it. Stdout is written in
 * batches of 4 KiB (one write call for dozens of request lines, not one each), at least once a
 * second, and in full when the process exits.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
  if (destination) return pino(options, destination);
  const stdout = pino.destination({ dest: 1, minLength: 4096, sync: false });
  setInterval(() => stdout.flush(), FLUSH_EVERY_MS).unref();
  return pino(options, stdout);
}
