import { TokenBucket } from '../token-bucket';
import { demoFile, GENERATOR_DATE, type DemoFile } from './demo-files';

const READER_ID = /^[A-Za-z0-9_-]{16,64}$/;
const CHANGING_LENGTH = 16 << 20;

/** A reader's file as it is now: which version, and when it became that (0 for the first). */
export interface Version {
  version: number;
  changedAt: number;
}

/** Where the readers' versions are kept: this process's memory, or Redis when instances share them. */
export interface VersionStore {
  /** The reader's version now; using it keeps it from expiring. */
  current(reader: string): Version | Promise<Version>;
  /** Makes the reader's file a new version. */
  change(reader: string): Version | Promise<Version>;
}

export interface MemoryVersionsOptions {
  /** Readers remembered at once; the oldest is forgotten first. */
  maxReaders?: number;
  /** A reader's file returns to its first version after this long unused. */
  ttlMs?: number;
  now?: () => number;
}

/** The versions of one process, bounded in count and expiring. */
export class MemoryVersions implements VersionStore {
  private readonly versions = new Map<string, Version & { touched: number }>();
  private readonly maxReaders: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor({ maxReaders = 10_000, ttlMs = 30 * 60_000, now = Date.now }: MemoryVersionsOptions = {}) {
    this.maxReaders = maxReaders;
    this.ttlMs = ttlMs;
    this.now = now;
  }

  current(reader: string): Version {
    const { version, changedAt } = this.touch(reader);
    return { version, changedAt };
  }

  change(reader: string): Version {
    const entry = this.touch(reader);
    entry.version++;
    entry.changedAt = this.now();
    return { version: entry.version, changedAt: entry.changedAt };
  }

  get size(): number {
    return this.versions.size;
  }

  private touch(reader: string): Version & { touched: number } {
    const now = this.now();
    let entry = this.versions.get(reader);
    if (!entry || now - entry.touched > this.ttlMs) entry = { version: 1, changedAt: 0, touched: now };
    entry.touched = now;
    return useRecently(this.versions, reader, entry, this.maxReaders);
  }
}

/**
 * One "changing" demo file per reader: the same name, but a new version (new bytes, new ETag, new
 * Last-Modified) each time that reader asks. Readers are keyed by a random id their page makes; no
 * reader's change touches another's file.
 */
export interface ChangingFilesOptions {
  /** Changes a reader may make at once, and again per `changeWindowMs`: each new version is a new digest to compute. */
  changesPerWindow?: number;
  changeWindowMs?: number;
  /** Readers whose rate is remembered at once; the least recently active is forgotten first. */
  maxReaders?: number;
  /** Versions kept built, with their digests, the least recently used given up first. */
  keptVersions?: number;
  now?: () => number;
}

export type Change = { changed: true; version: number } | { changed: false; retryAfterMs: number };

export class ChangingFiles {
  private readonly built = new Map<number, DemoFile>();
  /** Each reader's change rate, in this process. */
  private readonly rates = new Map<string, TokenBucket>();
  private readonly changesPerWindow: number;
  private readonly changeWindowMs: number;
  private readonly maxReaders: number;
  private readonly keptVersions: number;
  private readonly now: () => number;

  constructor(
    private readonly versions: VersionStore = new MemoryVersions(),
    {
      changesPerWindow = 5,
      changeWindowMs = 10_000,
      maxReaders = 10_000,
      keptVersions = 8,
      now = Date.now,
    }: ChangingFilesOptions = {},
  ) {
    this.changesPerWindow = changesPerWindow;
    this.changeWindowMs = changeWindowMs;
    this.maxReaders = maxReaders;
    this.keptVersions = keptVersions;
    this.now = now;
  }

  static isReaderId(id: string): boolean {
    return READER_ID.test(id);
  }

  /**
   * The reader's file as it is now. Version n has the same bytes (and digest) for everyone, so the
   * most recently used versions are kept built: their digests are computed once.
   */
  async fileOf(reader: string): Promise<DemoFile> {
    const { version, changedAt } = await this.versions.current(reader);
    const built =
      this.built.get(version) ?? demoFile(`changing-v${version}.bin`, CHANGING_LENGTH, 0x5eed0000 + version);
    const file = useRecently(this.built, version, built, this.keptVersions);
    return { ...file, lastModified: changedAt === 0 ? GENERATOR_DATE : new Date(changedAt).toUTCString() };
  }

  /** Makes the reader's file a new version, unless the reader changes it too fast. */
  async change(reader: string): Promise<Change> {
    const now = this.now();
    const rate = useRecently(
      this.rates,
      reader,
      this.rates.get(reader) ?? new TokenBucket(this.changesPerWindow, this.changeWindowMs, now),
      this.maxReaders,
    );
    if (!rate.take(now)) return { changed: false, retryAfterMs: rate.waitMs };
    return { changed: true, version: (await this.versions.change(reader)).version };
  }
}

/**
 * Puts `key` last in `map` as the most recently used (a Map keeps insertion order, so its first keys
 * are the least recently used), forgets the least recently used beyond `max`, and returns `value`.
 */
function useRecently<K, V>(map: Map<K, V>, key: K, value: V, max: number): V {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= max) break;
    map.delete(oldest);
  }
  return value;
}
