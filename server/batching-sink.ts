import { EventEmitter } from 'node:events';

/**
 * What React's pipe() writes into: it collects the many small chunks React writes and hands each
 * batch to `send` as one buffer when React calls flush() at the end of a batch — one DATA frame on
 * h2 instead of one per 4 KB chunk. React needs only write/end/flush and the stream events.
 */
export class BatchingSink extends EventEmitter {
  readonly writable = true;
  private readonly batch: (string | Uint8Array)[] = [];

  constructor(
    private readonly send: (chunk: Buffer) => void,
    private readonly finish: (last: Buffer) => void,
  ) {
    super();
  }

  write(chunk: string | Uint8Array): boolean {
    this.batch.push(chunk);
    return true;
  }

  flush(): void {
    if (this.batch.length > 0) this.send(this.take());
  }

  end(): this {
    this.finish(this.take());
    return this;
  }

  private take(): Buffer {
    const chunk = Buffer.concat(this.batch.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)));
    this.batch.length = 0;
    return chunk;
  }
}
