import fs from 'node:fs';
import path from 'node:path';
import { lessonSource, makePagesDir, removePagesDirs } from '../test/helpers/page-fixtures';
import { listPageFolders, PageFolderError } from './page-folders';

afterAll(removePagesDirs);

const page = {
  module: 'export default { order: 1, inNav: true, widgets: {} };',
  zh: lessonSource('甲', 'x'),
  en: lessonSource('A', 'x'),
};

describe('listPageFolders(pagesDir)', () => {
  it('lists each folder with its route slug, prose files and optional style; home is served at the root', () => {
    const dir = makePagesDir({ home: page, 'tcp-handshake': page });
    fs.writeFileSync(path.join(dir, 'tcp-handshake', 'style.css'), '');
    const folders = listPageFolders(dir);
    expect(folders.map((f) => [f.name, f.slug])).toEqual([
      ['home', ''],
      ['tcp-handshake', 'tcp-handshake'],
    ]);
    expect(folders[0]?.styleFile).toBeNull();
    expect(folders[1]?.styleFile).toBe(path.join(dir, 'tcp-handshake', 'style.css'));
    expect(folders[1]?.contentFiles.en).toBe(path.join(dir, 'tcp-handshake', 'content.en.md'));
    expect(folders.map((f) => f.hasIslands)).toEqual([false, false]);
  });

  it('says which pages have parts that run in the browser: those with an islands.tsx', () => {
    const dir = makePagesDir({ home: page, topic: { ...page, islands: 'export default {};' } });
    expect(listPageFolders(dir).map((f) => [f.name, f.hasIslands])).toEqual([
      ['home', false],
      ['topic', true],
    ]);
  });

  it.each([
    [
      'page.server.tsx is missing',
      (dir: string) => fs.rmSync(path.join(dir, 'topic', 'page.server.tsx')),
      /page\.server\.tsx is missing/,
    ],
    [
      'a locale is missing',
      (dir: string) => fs.rmSync(path.join(dir, 'topic', 'content.en.md')),
      /content\.en\.md is missing/,
    ],
    [
      'the name is not kebab-case',
      (dir: string) => fs.renameSync(path.join(dir, 'topic'), path.join(dir, 'Topic_1')),
      /kebab-case/,
    ],
  ])('fails loudly when %s', (_case, breakIt, message) => {
    const dir = makePagesDir({ topic: page });
    breakIt(dir);
    expect(() => listPageFolders(dir)).toThrow(PageFolderError);
    expect(() => listPageFolders(dir)).toThrow(message);
  });
});
