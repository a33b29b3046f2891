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

  it('hashes a file made without a digest a few blocks per turn, so timers still run meanwhile', async () => {
    const file = demoFile('four-mb.bin', 4 << 20, 7);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const digest = await file.digest();
    clearInterval(timer);
    const hash = createHash('sha256');
    for await (const chunk of file.stream({ start: 0, end: file.length - 1 })) hash.update(chunk as Buffer);
    expect(digest).toBe(hash.digest('base64'));
    expect(ticks).toBeGreaterThan(3);
  });

  it('hashes a length that is not a whole number of blocks', async () => {
    const file = demoFile('odd.bin', 100_000, 3);
    const hash = createHash('sha256');
    for await (const chunk of file.stream({ start: 0, end: file.length - 1 })) hash.update(chunk as Buffer);
    expect(await file.digest()).toBe(hash.digest('base64'));
  });
});
