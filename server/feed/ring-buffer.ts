/** A fixed-capacity FIFO: pushing onto a full buffer evicts (and returns) the oldest item. */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`Invalid capacity: ${capacity}. It must be a positive integer.`);
    this.items = new Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): T | undefined {
    if (this.count < this.capacity) {
      this.items[(this.start + this.count) % this.capacity] = item;
      this.count++;
      return undefined;
    }
    const evicted = this.items[this.start];
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
    return evicted;
  }

  /** The item `back` places from the newest (0: the newest); undefined past the oldest. */
  fromNewest(back: number): T | undefined {
    if (back < 0 || back >= this.count) return undefined;
    return this.items[(this.start + this.count - 1 - back) % this.capacity];
  }

  /** The last `n` items (all by default), oldest first. */
  last(n = this.count): T[] {
    const take = Math.min(n, this.count);
    const out: T[] = [];
    for (let i = this.count - take; i < this.count; i++) out.push(this.items[(this.start + i) % this.capacity] as T);
    return out;
  }
}
