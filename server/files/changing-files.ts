import { demoFile, type DemoFile } from './demo-files';

const READER_ID = /^[A-Za-z0-9_-]{16,64}$/;
const CHANGING_LENGTH = 16 << 20;

export interface ChangingFilesOptions {
  /** Readers remembered at once; the oldest is forgotten first. */
  maxReaders?: number;
  /** A reader's file returns to its first version after this long unused. */
  ttlMs?: number;
  now?: () => number;
}

/**
 * One "changing" demo file per reader: the same name, but a new version (new bytes, new ETag) each
 * time that reader asks. Readers are keyed by a random id their page makes; the state is bounded in
 * count and expires, and no reader's change touches another's file.
 */
export class ChangingFiles {
  private readonly versions = new Map<string, { version: number; touched: number }>();
  private readonly built = new Map<number, DemoFile>();
  private readonly maxReaders: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor({ maxReaders = 10_000, ttlMs = 30 * 60_000, now = Date.now }: ChangingFilesOptions = {}) {
    this.maxReaders = maxReaders;
    this.ttlMs = ttlMs;
    this.now = now;
  }

  static isReaderId(id: string): boolean {
    return READER_ID.test(id);
  }

  /** The reader's file as it is now. Version n has the same bytes for everyone, so a few are kept built. */
  fileOf(reader: string): DemoFile {
    const version = this.touch(reader).version;
    let file = this.built.get(version);
    if (!file) {
      file = demoFile(`changing-v${version}.bin`, CHANGING_LENGTH, 0x5eed0000 + version);
      this.built.set(version, file);
      if (this.built.size > 8) this.built.delete(this.built.keys().next().value as number);
    }
    return file;
  }

  /** Makes the reader's file a new version; returns it. */
  change(reader: string): number {
    return ++this.touch(reader).version;
  }

  get size(): number {
    return this.versions.size;
  }

  private touch(reader: string): { version: number; touched: number } {
    const now = this.now();
    let entry = this.versions.get(reader);
    if (!entry || now - entry.touched > this.ttlMs) entry = { version: 1, touched: now };
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
