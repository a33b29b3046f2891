/**
 * The labs' slow mode. On a fast link a 16 MB download ends before a reader can press Pause, and
 * a hundred tiles arrive before the queueing can be seen; `?pace=slow` on a demo file or a tile asks
 * the server to pace its answer so the lesson can be felt. The pace is bounded: a paced body never
 * takes longer than `maxMs`, however large the range, so a client cannot use slow mode to hold
 * responses open for long.
 */
export const SLOW_PACE = {
  /** The query parameter and its one value. */
  param: 'pace',
  value: 'slow',
  /** A paced body's rate, unless its length needs more to end within `maxMs`. */
  bytesPerSecond: 256 * 1024,
  /** The longest a paced body takes. */
  maxMs: 20_000,
  /** How often a paced body sends its next piece. */
  tickMs: 100,
  /** What a tile waits in slow mode, instead of the configured delay. */
  tileDelayMs: 250,
} as const;

export type Pace = 'full' | 'slow';

/** The message a pace other than absent or `slow` is refused with. */
export const BAD_PACE = `Bad request: ${SLOW_PACE.param} is either absent (full speed) or "${SLOW_PACE.value}"`;

/** The pace a request's query value asks for, or null when it is not a pace (a second value, an unknown word). */
export function paceOf(value: unknown): Pace | null {
  if (value === undefined) return 'full';
  return value === SLOW_PACE.value ? 'slow' : null;
}

/** The rate a paced body of `length` bytes is sent at: the slow rate, or faster when that would pass `maxMs`. */
export function pacedBytesPerSecond(length: number): number {
  return Math.max(SLOW_PACE.bytesPerSecond, Math.ceil((length * 1000) / SLOW_PACE.maxMs));
}

/** `path` with the slow-mode parameter added when `pace` is slow. */
export function withPace(path: string, pace: Pace): string {
  if (pace === 'full') return path;
  return `${path}${path.includes('?') ? '&' : '?'}${SLOW_PACE.param}=${SLOW_PACE.value}`;
}
