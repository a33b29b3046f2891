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
    // Re-inserted last: the Map's first keys are the least recently used.
    this.versions.delete(reader);
    this.versions.set(reader, entry);
    for (const key of this.versions.keys()) {
      if (this.versions.size <= this.maxReaders) break;
      this.versions.delete(key);
    }
    return entry;
  }
}

/**
 * One "changing" demo file per reader: the same name, but a new version (new bytes, new ETag, new
 * Last-Modified) each time that reader asks. Readers are keyed by a random id their page makes; no
 * reader's change touches another's file.
 */
export class ChangingFiles {
  private readonly built = new Map<number, DemoFile>();

  constructor(private readonly versions: VersionStore = new MemoryVersions()) {}

  static isReaderId(id: string): boolean {
    return READER_ID.test(id);
  }

  /** The reader's file as it is now. Version n has the same bytes for everyone, so a few are kept built. */
  async fileOf(reader: string): Promise<DemoFile> {
    const { version, changedAt } = await this.versions.current(reader);
    let file = this.built.get(version);
    if (!file) {
      file = demoFile(`changing-v${version}.bin`, CHANGING_LENGTH, 0x5eed0000 + version);
      this.built.set(version, file);
      if (this.built.size > 8) this.built.delete(this.built.keys().next().value as number);
    }
    return { ...file, lastModified: changedAt === 0 ? GENERATOR_DATE : new Date(changedAt).toUTCString() };
  }

  /** Makes the reader's file a new version; returns its number. */
  async change(reader: string): Promise<number> {
    return (await this.versions.change(reader)).version;
  }
}
