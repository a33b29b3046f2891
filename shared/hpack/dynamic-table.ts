/** The dynamic table (RFC 7541 §2.3.2, §4): first in, first out, bounded in octets not entries. */
import { HpackError } from './errors';
import { MAX_INTEGER } from './integer';
import { STATIC_TABLE_LENGTH } from './static-table';

/** Each entry costs 32 octets on top of its name and value: an estimate of a peer's bookkeeping (§4.1). */
export const ENTRY_OVERHEAD = 32;

const utf8 = new TextEncoder();

/** An entry's size (§4.1): the octets of its name and value, as UTF-8, plus 32. */
export function entrySize(name: string, value: string): number {
  return utf8.encode(name).length + utf8.encode(value).length + ENTRY_OVERHEAD;
}

/** A dynamic table entry as a reader sees it: `index` is its place in the address space (62 is newest). */
export interface TableEntry {
  index: number;
  name: string;
  value: string;
  size: number;
}

export interface StoredEntry {
  name: string;
  value: string;
  size: number;
  /** The name's length in octets, for a later literal that reuses this name by index. */
  nameOctets: number;
}

export class DynamicTable {
  /** Oldest first, so that adding is a push and evicting drops from the front. */
  private entries: StoredEntry[] = [];
  private used = 0;

  constructor(private max: number) {
    checkTableSize(max);
  }

  /** The sum of the entries' sizes. */
  get size(): number {
    return this.used;
  }

  get maxSize(): number {
    return this.max;
  }

  get length(): number {
    return this.entries.length;
  }

  /** The entry at a dynamic position: 1 is the newest (index 62). */
  at(position: number): StoredEntry | undefined {
    return this.entries[this.entries.length - position];
  }

  /**
   * Adds a field as the newest entry, evicting the oldest until it fits, and returns how many were
   * evicted. An entry larger than the whole table empties it and is not added (§4.4): not an error.
   * The decoder passes the octet lengths it read, which a lossy UTF-8 decode may not keep.
   */
  add(
    name: string,
    value: string,
    nameOctets = utf8.encode(name).length,
    valueOctets = utf8.encode(value).length,
  ): number {
    const size = nameOctets + valueOctets + ENTRY_OVERHEAD;
    if (size > this.max) {
      const evicted = this.entries.length;
      this.entries = [];
      this.used = 0;
      return evicted;
    }
    const evicted = this.evictTo(this.max - size);
    this.entries.push({ name, value, size, nameOctets });
    this.used += size;
    return evicted;
  }

  /** Changes the maximum size, evicting until the entries fit (§4.3); returns how many were evicted. */
  setMaxSize(max: number): number {
    checkTableSize(max);
    this.max = max;
    return this.evictTo(max);
  }

  /** Dynamic positions (1 = newest) of the newest entry with this field, and with this name; 0 for none. */
  find(name: string, value: string): { field: number; name: number } {
    let nameAt = 0;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i]!;
      if (entry.name !== name) continue;
      const position = this.entries.length - i;
      if (entry.value === value) return { field: position, name: nameAt || position };
      nameAt ||= position;
    }
    return { field: 0, name: nameAt };
  }

  /** Newest first, with each entry's index in the address space (62, 63, …). */
  list(): TableEntry[] {
    return this.entries
      .map(({ name, value, size }, i) => ({ index: STATIC_TABLE_LENGTH + this.entries.length - i, name, value, size }))
      .reverse();
  }

  private evictTo(limit: number): number {
    let count = 0;
    // Entries' sizes sum to `used`, so the loop stops before it runs out of entries.
    while (this.used > limit) this.used -= this.entries[count++]!.size;
    if (count > 0) this.entries.splice(0, count);
    return count;
  }
}

/** Throws unless `max` is a table size: an integer that a size update (§6.3) can carry, 0 to 2^32 - 1. */
export function checkTableSize(max: number): void {
  if (!Number.isInteger(max) || max < 0 || max > MAX_INTEGER)
    throw new HpackError('table-size', `${max} is not a table size`);
}

/** What an encoder and a decoder both are: one end of a connection's header compression, with its dynamic table. */
export abstract class HpackContext {
  protected readonly dynamic: DynamicTable;

  constructor(maxTableSize: number) {
    this.dynamic = new DynamicTable(maxTableSize);
  }

  /** The dynamic table, newest first. */
  table(): TableEntry[] {
    return this.dynamic.list();
  }

  /** The dynamic table's size in octets (§4.1). */
  tableSize(): number {
    return this.dynamic.size;
  }

  tableMaxSize(): number {
    return this.dynamic.maxSize;
  }
}
