/**
 * The ticks of a time axis from 0 to `spanMs`: a round step (1, 2 or 5 times a power of ten) that
 * gives at most `most` intervals, and every multiple of it up to the span.
 */
export function timeTicks(spanMs: number, most = 6): number[] {
  if (!(spanMs > 0)) return [0];
  const rough = spanMs / most;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  return Array.from({ length: Math.floor(spanMs / step + 1e-9) + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** A tick's label: milliseconds under a second, seconds from there. */
export function tickLabel(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toPrecision(6))} s`;
}
