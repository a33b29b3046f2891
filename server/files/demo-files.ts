import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ByteRange } from '../../shared/range/range-engine';

const BLOCK = 64 * 1024;

export interface DemoFile {
  name: string;
  length: number;
  /** Bytes [start, end] (inclusive), generated on the fly, a block at a time. */
  stream(range: ByteRange): Readable;
  /** sha-256 of the whole file, base64 (for Repr-Digest); computed once, on first use. */
  digest(): Promise<string>;
}

/**
 * A deterministic demo file of `length` bytes, never stored: a 64 KiB block of seeded noise, each
 * copy stamped with its block number, so every offset has one fixed byte and no two blocks match.
 */
export function demoFile(name: string, length: number, seed: number): DemoFile {
  const base = Buffer.alloc(BLOCK);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < BLOCK; i++) {
    // xorshift32: cheap, fixed noise for the base block
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    base[i] = state & 0xff;
  }
  const block = (index: number): Buffer => {
    const out = Buffer.from(base);
    out.writeUInt32BE(index >>> 0, 0);
    return out;
  };
  let digest: Promise<string> | null = null;
  const file: DemoFile = {
    name,
    length,
    stream: ({ start, end }) => {
      let position = start;
      return new Readable({
        read() {
          if (position > end) return this.push(null);
          const index = Math.floor(position / BLOCK);
          const from = position - index * BLOCK;
          const to = Math.min(BLOCK, end - index * BLOCK + 1);
          position = index * BLOCK + to;
          this.push(block(index).subarray(from, to));
        },
      });
    },
    digest: () =>
      (digest ??= new Promise((resolve, reject) => {
        const hash = createHash('sha256');
        file
          .stream({ start: 0, end: length - 1 })
          .on('data', (chunk: Buffer) => hash.update(chunk))
          .on('end', () => resolve(hash.digest('base64')))
          .on('error', reject);
      })),
  };
  return file;
}

/** The demo files under /lab/files/, by name. */
export const DEMO_FILES: ReadonlyMap<string, DemoFile> = new Map(
  [demoFile('1mb.bin', 1 << 20, 1), demoFile('16mb.bin', 16 << 20, 16), demoFile('256mb.bin', 256 << 20, 256)].map(
    (f) => [f.name, f],
  ),
);
