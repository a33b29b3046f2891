import fs from 'node:fs';
import { loadClientBuild } from '../../server/client-build';
import { CLIENT_BUILD_DIR, PAGES_CODE_DIR, PAGES_DIR } from '../../server/paths';
import { loadSite } from '../../server/site';

/**
 * What a reader's browser downloads to run a page: every script the page loads, counted as the
 * build's Brotli copies are sent. The home page gets 75 KB, a lesson 100 KB (1 KB = 1000 bytes).
 */
const BUDGET_BYTES = { home: 75_000, lesson: 100_000 };
const build = loadClientBuild(CLIENT_BUILD_DIR);
const site = loadSite({ pagesDir: PAGES_DIR, pagesCodeDir: PAGES_CODE_DIR });
const pages = site.all.filter((page, i, all) => all.findIndex((other) => other.entry === page.entry) === i);

describe('script budget', () => {
  it.each(pages.map((page) => [page.entry, page] as const))('%s stays within its budget', (_entry, page) => {
    const scripts = build.manifest.entries[page.entry]?.js ?? [];
    const bytes = scripts.reduce((sum, url) => {
      const file = build.files.get(url);
      if (!file?.br) throw new Error(`${url} has no Brotli copy in the build`);
      return sum + file.br.size;
    }, 0);
    expect(bytes).toBeLessThanOrEqual(page.slug === '' ? BUDGET_BYTES.home : BUDGET_BYTES.lesson);
  });

  it('no page loads the Markdown parser or the YAML reader: lessons are parsed on the server', () => {
    const urls = new Set(Object.values(build.manifest.entries).flatMap((entry) => entry.js));
    for (const url of urls) {
      const code = fs.readFileSync(build.files.get(url)?.file as string, 'utf8');
      // Error messages each library carries in its built code.
      expect(code).not.toContain('marked(): input parameter');
      expect(code).not.toContain('YAMLParseError');
      // The search engine comes with the search box, when the reader first reaches for it.
      expect(code).not.toContain('MiniSearch: cannot deserialize');
    }
  });
});
