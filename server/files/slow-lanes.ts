import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { SLOW_PACE } from '../../shared/lab-pace';
import { AddressCounts } from '../connection-gate';

export interface SlowLaneLimits {
  /** Paced bodies one address (IPv6: one /64, as the connection caps count) may have in flight. */
  perAddress: number;
  /** Paced bodies in flight in this process. */
  total: number;
}

/** Enough for a reader's four segments and a second tab; more is answered at full speed. */
export const DEFAULT_SLOW_LANE_LIMITS: SlowLaneLimits = { perAddress: 8, total: 256 };

/**
 * Who is being sent a paced body now. Each lasts at most SLOW_PACE.maxMs; these caps bound how many
 * there are, so slow mode cannot be used to hold many responses open. A request over a cap is not
 * refused: it is answered at full speed and says so (Wirebook-Pace: full).
 */
export class SlowLanes {
  private readonly perAddress = new AddressCounts();
  private inFlight = 0;

  constructor(readonly limits: SlowLaneLimits = DEFAULT_SLOW_LANE_LIMITS) {}

  /** A lane for a paced body from `address`, with the function that gives it back; null when none is free. */
  take(address: string | undefined): (() => void) | null {
    if (this.perAddress.of(address) >= this.limits.perAddress || this.inFlight >= this.limits.total) return null;
    const { release } = this.perAddress.add(address);
    this.inFlight++;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.inFlight--;
      release();
    };
  }

  /** Paced bodies in flight now. */
  get size(): number {
    return this.inFlight;
  }
}

/** `body` re-sent at `bytesPerSecond`: a piece every SLOW_PACE.tickMs, never more than the rate allows. */
export function paced(body: Readable, bytesPerSecond: number): Readable {
  const perTick = Math.max(1, Math.floor((bytesPerSecond * SLOW_PACE.tickMs) / 1000));
  return Readable.from(
    (async function* () {
      let room = perTick;
      for await (const chunk of body as AsyncIterable<Buffer>) {
        for (let offset = 0; offset < chunk.length;) {
          if (room === 0) {
            await sleep(SLOW_PACE.tickMs);
            room = perTick;
          }
          const piece = chunk.subarray(offset, offset + room);
          offset += piece.length;
          room -= piece.length;
          yield piece;
        }
      }
    })(),
  );
}
