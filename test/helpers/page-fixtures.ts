import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PAGES_DIR } from '../../server/paths';

export interface FixturePage {
  /** page.tsx source; plain objects need no imports, which a temporary folder could not resolve. */
  module: string;
  /** Lesson prose by locale. */
  zh: string;
  en: string;
}

export function lessonSource(title: string, body: string): string {
  return `---\ntitle: ${title}\nnavTitle: ${title}\ndescription: About ${title}.\n---\n${body}\n`;
}

/** A temporary pages/ folder: optionally a copy of the real one, plus the given fixture pages. */
export function makePagesDir(pages: Record<string, FixturePage>, { withRealPages = false } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wirebook-pages-'));
  if (withRealPages) fs.cpSync(PAGES_DIR, dir, { recursive: true });
  for (const [name, page] of Object.entries(pages)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'page.tsx'), page.module);
    fs.writeFileSync(path.join(dir, name, 'content.zh.md'), page.zh);
    fs.writeFileSync(path.join(dir, name, 'content.en.md'), page.en);
  }
  return dir;
}
