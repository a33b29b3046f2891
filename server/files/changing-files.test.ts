import { GENERATOR_DATE } from './demo-files';
import { ChangingFiles, MemoryVersions } from './changing-files';

const A = 'reader-aaaaaaaaaaaa';
const B = 'reader-bbbbbbbbbbbb';

describe('ChangingFiles', () => {
  it('gives each reader a file that only that reader’s change alters', async () => {
    const files = new ChangingFiles();
    const before = (await files.fileOf(A)).name;
    expect((await files.fileOf(B)).name).toBe(before);
    expect(await files.change(A)).toEqual({ changed: true, version: 2 });
    expect((await files.fileOf(A)).name).not.toBe(before);
    expect((await files.fileOf(B)).name).toBe(before);
  });

  it('dates the first version with the generator, and each change with its own time', async () => {
    const now = Date.UTC(2026, 0, 2, 3, 4, 5);
    const files = new ChangingFiles(new MemoryVersions({ now: () => now }));
    expect((await files.fileOf(A)).lastModified).toBe(GENERATOR_DATE);
    await files.change(A);
    expect((await files.fileOf(A)).lastModified).toBe('Fri, 02 Jan 2026 03:04:05 GMT');
  });

  it('forgets a reader after its time, and the oldest readers beyond the cap', async () => {
    let now = 0;
    const versions = new MemoryVersions({ ttlMs: 1000, maxReaders: 2, now: () => now });
    const files = new ChangingFiles(versions);
    await files.change(A);
    now = 2000;
    expect((await files.fileOf(A)).name).toBe('changing-v1.bin');
    await files.fileOf(B);
    await files.fileOf('reader-cccccccccccc');
    expect(versions.size).toBe(2);
  });

  it('lets a reader change its file a few times at once, then once per interval, telling how long to wait', async () => {
    let now = 0;
    const files = new ChangingFiles(undefined, { changesPerWindow: 2, changeWindowMs: 4000, now: () => now });
    expect([await files.change(A), await files.change(A), await files.change(A)]).toEqual([
      { changed: true, version: 2 },
      { changed: true, version: 3 },
      { changed: false, retryAfterMs: 2000 },
    ]);
    expect(await files.change(B)).toEqual({ changed: true, version: 2 });
    now = 2000;
    expect(await files.change(A)).toEqual({ changed: true, version: 4 });
  });

  it('keeps the most recently used versions built, so their digests are computed once', async () => {
    const files = new ChangingFiles(undefined, { keptVersions: 2 });
    const first = (await files.fileOf(A)).digest;
    await files.change(B);
    await files.fileOf(B);
    expect((await files.fileOf(A)).digest).toBe(first);
    await files.change(B);
    await files.fileOf(B); // version 3 pushes out version 2, the least recently used
    expect((await files.fileOf(A)).digest).toBe(first);
  });

  it('accepts only reader ids of 16 to 64 url-safe characters', () => {
    expect(ChangingFiles.isReaderId(A)).toBe(true);
    expect(ChangingFiles.isReaderId('short')).toBe(false);
    expect(ChangingFiles.isReaderId('../../etc/passwd-xxxxxxxx')).toBe(false);
  });
});
