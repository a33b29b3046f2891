import { createHash } from 'node:crypto';
import { DEMO_FILE_SPECS, DEMO_FILES, demoFile } from './demo-files';

describe('demoFile(name, length, seed, knownDigest?)', () => {
  it.each(DEMO_FILE_SPECS.map((spec) => [spec.name, spec] as const))(
    "%s: the digest worked out ahead is the sha-256 of the file's bytes",
    async (name, { length, seed, digest }) => {
      const hash = createHash('sha256');
      for await (const chunk of demoFile(name, length, seed).stream({ start: 0, end: length - 1 }))
        hash.update(chunk as Buffer);
      expect(hash.digest('base64')).toBe(digest);
      expect(await DEMO_FILES.get(name)?.digest()).toBe(digest);
    },
  );

  it('hashes a file made without a digest a few blocks per turn, so other callbacks run meanwhile', async () => {
    const file = demoFile('four-mb.bin', 4 << 20, 7);
    // A callback that re-queues itself each turn of the event loop counts the turns the hash took.
    let turns = 0;
    let done = false;
    const count = () => {
      if (done) return;
      turns++;
      setImmediate(count);
    };
    setImmediate(count);
    const digest = await file.digest();
    done = true;
    const hash = createHash('sha256');
    for await (const chunk of file.stream({ start: 0, end: file.length - 1 })) hash.update(chunk as Buffer);
    expect(digest).toBe(hash.digest('base64'));
    // 64 blocks of 64 KiB, 4 per turn.
    expect(turns).toBeGreaterThanOrEqual(15);
  });

  it('hashes a length that is not a whole number of blocks', async () => {
    const file = demoFile('odd.bin', 100_000, 3);
    const hash = createHash('sha256');
    for await (const chunk of file.stream({ start: 0, end: file.length - 1 })) hash.update(chunk as Buffer);
    expect(await file.digest()).toBe(hash.digest('base64'));
  });
});
