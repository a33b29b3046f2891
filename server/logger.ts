import pino from 'pino';

export type Logger = pino.Logger;

/** JSON lines, on stdout unless told otherwise; LOG_LEVEL=silent quiets it. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}
