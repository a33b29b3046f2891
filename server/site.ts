import fs from 'node:fs';
import path from 'node:path';
import { parseLesson, lessonWidgets, type Lesson } from '../shared/lesson';
import { LOCALES, pagePath, type Locale } from '../shared/locale';
import type { NavEntry, PageDefinition } from '../shared/page';
import { listPageFolders, PageFolderError, type PageFolder } from './page-folders';

export interface SitePage {
  folder: PageFolder;
  definition: PageDefinition<unknown>;
  lessons: Record<Locale, Lesson>;
}

export interface Site {
  /** In navigation order. */
  pages: SitePage[];
  find(slug: string): SitePage | undefined;
  /** The topic navigation in a locale. */
  nav(locale: Locale): NavEntry[];
  /** Every page in a locale, home first, for the sitemap and the home page's map. */
  entries(locale: Locale): NavEntry[];
}

export interface SiteSources {
  /** Where the folders and their prose are. */
  pagesDir: string;
  /** Where each folder's page module is required from (compiled output in production). */
  pagesCodeDir: string;
}

/** Reads every page once at start-up: its module, and its prose in each locale, parsed. */
export function loadSite({ pagesDir, pagesCodeDir }: SiteSources): Site {
  const pages = listPageFolders(pagesDir).map((folder): SitePage => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(path.join(pagesCodeDir, folder.name, 'page')) as { default?: PageDefinition<unknown> };
    if (!module.default) throw new PageFolderError(`pages/${folder.name}/page.tsx must default-export definePage({...})`);
    const lessons = {} as Record<Locale, Lesson>;
    for (const locale of LOCALES) {
      lessons[locale] = parseLesson(fs.readFileSync(folder.contentFiles[locale], 'utf8'));
      for (const widget of lessonWidgets(lessons[locale])) {
        if (!module.default.widgets[widget]) {
          throw new PageFolderError(`pages/${folder.name}/content.${locale}.md places widget "${widget}", which page.tsx does not define`);
        }
      }
    }
    return { folder, definition: module.default, lessons };
  });
  pages.sort((a, b) => a.definition.order - b.definition.order || a.folder.name.localeCompare(b.folder.name));

  const bySlug = new Map(pages.map((page) => [page.folder.slug, page]));
  const toEntry = (page: SitePage, locale: Locale): NavEntry => ({
    slug: page.folder.slug,
    href: pagePath(locale, page.folder.slug),
    navTitle: page.lessons[locale].meta.navTitle,
    title: page.lessons[locale].meta.title,
    description: page.lessons[locale].meta.description,
  });
  const navCache = new Map(LOCALES.map((l) => [l, pages.filter((p) => p.definition.inNav).map((p) => toEntry(p, l))]));
  const entryCache = new Map(LOCALES.map((l) => [l, pages.map((p) => toEntry(p, l))]));
  return {
    pages,
    find: (slug) => bySlug.get(slug),
    nav: (locale) => navCache.get(locale) as NavEntry[],
    entries: (locale) => entryCache.get(locale) as NavEntry[],
  };
}
