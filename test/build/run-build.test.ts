import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILD_OUTPUTS, inputsHash, STAMP_FILE, staleReason, writeStamp } from '../../build/run-build';

describe('the build stamp (npm start builds only when the build is missing or stale)', () => {
  let root: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'wirebook-stamp-'));
    write('pages/home/content.en.md', '# Home\n');
    write('server/main.ts', 'main();\n');
    write('shared/format.ts', 'export {};\n');
    write('package-lock.json', '{}\n');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
  const built = () => {
    for (const output of BUILD_OUTPUTS) write(output, 'built');
    writeStamp(root, inputsHash(root));
  };

  it('is stale when an output is missing, naming it', () => {
    expect(staleReason(root)).toBe(`${BUILD_OUTPUTS[0]} is missing`);
  });

  it('is stale when the outputs are there but no stamp says what they were built from', () => {
    for (const output of BUILD_OUTPUTS) write(output, 'built');
    expect(staleReason(root)).toMatch(`${STAMP_FILE} is missing`);
  });

  it('is current right after a build, and stays so when only a test or a file outside the inputs changes', () => {
    built();
    expect(staleReason(root)).toBeNull();
    write('shared/format.test.ts', 'it();\n');
    write('README.md', 'words\n');
    expect(staleReason(root)).toBeNull();
  });

  it.each([
    ['an edited lesson', 'pages/home/content.en.md', '# Home, edited\n'],
    ['an edited server module', 'server/main.ts', 'main(); // edited\n'],
    ['a new file', 'shared/new.ts', 'export {};\n'],
    ['changed dependencies', 'package-lock.json', '{"lockfileVersion":3}\n'],
  ])('is stale after %s', (_what, file, text) => {
    built();
    write(file, text);
    expect(staleReason(root)).toBe('the sources changed since the last build');
  });

  it('is stale when a file is renamed, even with the same contents', () => {
    built();
    fs.renameSync(path.join(root, 'shared/format.ts'), path.join(root, 'shared/formats.ts'));
    expect(staleReason(root)).toBe('the sources changed since the last build');
  });

  it('is stale when the stamp cannot be read', () => {
    built();
    write(STAMP_FILE, '{');
    expect(staleReason(root)).toBe(`${STAMP_FILE} is unreadable`);
  });
});
