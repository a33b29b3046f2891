import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PAGES_DIR } from '../../server/paths';

export interface FixturePage {
  /** page.server.tsx source; plain objects need no imports, which a temporary folder could not resolve. */
  module: string;
  /** islands.tsx source, for a page with parts that run in the browser. */
  islands?: string;
  /** Lesson prose by locale. */
  zh: string;
  en: string;
}

export function lessonSource(title: string, body: string): string {
  return `---\ntitle: ${title}\nnavTitle: ${title}\ndescription: About ${title}.\n---\n${body}\n`;
}

const madeDirs: string[] = [];
/** Removes every folder makePagesDir made in this test file; call from afterAll. */
export function removePagesDirs(): void {
  for (const dir of madeDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * A temporary pages/ folder with the given fixture pages and, optionally, links to the real ones
 * (links, not copies, so the real pages' relative imports still resolve).
 */
export function makePagesDir(pages: Record<string, FixturePage>, { withRealPages = false } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wirebook-pages-'));
  madeDirs.push(dir);
  if (withRealPages) {
    for (const name of fs.readdirSync(PAGES_DIR))
      fs.symlinkSync(path.join(PAGES_DIR, name), path.join(dir, name), 'dir');
  }
  for (const [name, page] of Object.entries(pages)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'page.server.tsx'), page.module);
    if (page.islands !== undefined) fs.writeFileSync(path.join(dir, name, 'islands.tsx'), page.islands);
    fs.writeFileSync(path.join(dir, name, 'content.zh.md'), page.zh);
    fs.writeFileSync(path.join(dir, name, 'content.en.md'), page.en);
  }
  return dir;
}
