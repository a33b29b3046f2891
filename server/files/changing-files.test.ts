import { ChangingFiles } from './changing-files';

const A = 'reader-aaaaaaaaaaaa';
const B = 'reader-bbbbbbbbbbbb';

describe('ChangingFiles', () => {
  it('gives each reader a file that only that reader’s change alters', () => {
    const files = new ChangingFiles();
    const before = files.fileOf(A).name;
    expect(files.fileOf(B).name).toBe(before);
    expect(files.change(A)).toBe(2);
    expect(files.fileOf(A).name).not.toBe(before);
    expect(files.fileOf(B).name).toBe(before);
  });

  it('forgets a reader after its time, and the oldest readers beyond the cap', () => {
    let now = 0;
    const files = new ChangingFiles({ ttlMs: 1000, maxReaders: 2, now: () => now });
    files.change(A);
    now = 2000;
    expect(files.fileOf(A).name).toBe('changing-v1.bin');
    files.fileOf(B);
    files.fileOf('reader-cccccccccccc');
    expect(files.size).toBe(2);
  });

  it('accepts only reader ids of 16 to 64 url-safe characters', () => {
    expect(ChangingFiles.isReaderId(A)).toBe(true);
    expect(ChangingFiles.isReaderId('short')).toBe(false);
    expect(ChangingFiles.isReaderId('../../etc/passwd-xxxxxxxx')).toBe(false);
  });
});
