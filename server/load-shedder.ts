import { performance } from 'node:perf_hooks';

export interface LoadShedderOptions {
  /** Event-loop lag (ms) past which live islands are left for the browser; null never sheds. */
  thresholdMs: number | null;
  /** How often the lag is sampled. */
  intervalMs?: number;
}

/**
 * Watches the event loop's lag with a timer that notes how late it fires. Past the threshold, pages
 * are sent without rendering their live islands (the browser renders them from the embedded
 * state; the lesson is in the HTML either way), as large SSR sites shed server rendering under
 * load. Below half the threshold it renders in full again: the gap keeps it from flapping.
 */
export class LoadShedder {
  private lagMs = 0;
  private shedding = false;
  private shedPages = 0;
  private readonly timer: NodeJS.Timeout | null;

  constructor({ thresholdMs, intervalMs = 50 }: LoadShedderOptions) {
    if (thresholdMs === null) {
      this.timer = null;
      return;
    }
    let expected = performance.now() + intervalMs;
    this.timer = setInterval(() => {
      const now = performance.now();
      this.lagMs = Math.max(0, now - expected);
      expected = now + intervalMs;
      if (this.lagMs > thresholdMs) this.shedding = true;
      else if (this.lagMs < thresholdMs / 2) this.shedding = false;
    }, intervalMs);
    this.timer.unref();
  }

  /** Whether this page should leave its live islands to the browser; each yes is counted. */
  shouldShed(): boolean {
    if (this.shedding) this.shedPages++;
    return this.shedding;
  }

  /** For /healthz. */
  status(): { shedding: boolean; lagMs: number; pagesShed: number } {
    return { shedding: this.shedding, lagMs: Math.round(this.lagMs), pagesShed: this.shedPages };
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
