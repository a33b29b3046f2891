import fs from 'node:fs';
import path from 'node:path';
import { parseLesson, parseLessonParts, lessonWidgets, type Lesson } from '../shared/lesson';
import { LOCALES, pagePath, type Locale } from '../shared/locale';
import type { ChildPagesDefinition, NavEntry, PageDefinition } from '../shared/page';
import { childContentFile, entryName, listPageFolders, PageFolderError, type PageFolder } from './page-folders';

export interface SitePage {
  /** Route name: '' for home, `tcp-handshake`, or `http-status/404` for a child page. */
  slug: string;
  /** The route as the live wire names it, without the locale: the slug, or `http-status/:code` for child pages. */
  pattern: string;
  /** Base name of the page's bundle: its folder, or `<folder>.<param>` for child pages, which share one. */
  bundle: string;
  /** The webpack entry (and manifest key) the page loads in each locale. */
  entries: Record<Locale, string>;
  definition: PageDefinition<unknown>;
  lessons: Record<Locale, Lesson>;
  /** A child page's key (`404`); null for a folder's own page. */
  key: string | null;
  /** A folder page's child pages, in key order; empty for most. */
  children: SitePage[];
  /** What the 404 page offers for a missing child of this page. */
  suggest?: (segment: string) => string[];
}

export interface Site {
  /** The folders' own pages, in navigation order. */
  pages: SitePage[];
  /** Every page, child pages after their parent. */
  all: SitePage[];
  find(slug: string): SitePage | undefined;
  /** The topic navigation in a locale. */
  nav(locale: Locale): NavEntry[];
  /** Every page in a locale, home first, for the sitemap. */
  entries(locale: Locale): NavEntry[];
  /** For a slug that names no page but sits under a page with children: the children to offer instead. */
  nearby(slug: string, locale: Locale): NavEntry[];
  /** A page's child pages as entries in a locale, for its loader. */
  childEntries(page: SitePage, locale: Locale): NavEntry[];
}

export interface SiteSources {
  /** Where the folders and their prose are. */
  pagesDir: string;
  /** Where each folder's page module is required from (compiled output in production). */
  pagesCodeDir: string;
}

function requireDefault<T>(file: string, what: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(file) as { default?: T };
  if (!module.default) throw new PageFolderError(`${what} must default-export its definition`);
  return module.default;
}

function checkWidgets(lesson: Lesson, widgets: Record<string, unknown>, where: string): void {
  for (const widget of lessonWidgets(lesson)) {
    if (!widgets[widget])
      throw new PageFolderError(`${where} places widget "${widget}", which its page.tsx does not define`);
  }
}

/** The child pages of a folder with a `[param]` subfolder: one per key, each key's prose read and composed. */
function loadChildren(
  folder: PageFolder,
  parent: PageDefinition<unknown>,
  pagesCodeDir: string,
): { pages: SitePage[]; suggest?: (segment: string) => string[] } {
  const children = folder.children;
  if (!children) return { pages: [] };
  const where = `pages/${folder.name}/[${children.param}]`;
  const definition = requireDefault<ChildPagesDefinition<unknown>>(
    path.join(pagesCodeDir, folder.name, `[${children.param}]`, 'page'),
    `${where}/page.tsx`,
  );
  const pages = definition.keys.map((key): SitePage => {
    const lessons = {} as Record<Locale, Lesson>;
    for (const locale of LOCALES) {
      const file = childContentFile(children, key, locale);
      if (!fs.existsSync(file)) throw new PageFolderError(`${where}: ${key}.${locale}.md is missing`);
      lessons[locale] = definition.lesson(key, locale, parseLessonParts(fs.readFileSync(file, 'utf8')));
      checkWidgets(lessons[locale], definition.widgets, `${where}/${key}.${locale}.md`);
    }
    return {
      slug: `${folder.slug}/${key}`,
      pattern: `${folder.slug}/:${children.param}`,
      bundle: children.bundle,
      // Child pages carry their lesson in the embedded state, so one entry serves every locale.
      entries: Object.fromEntries(LOCALES.map((locale) => [locale, children.bundle])) as Record<Locale, string>,
      definition: { ...definition, order: parent.order, inNav: false },
      lessons,
      key,
      children: [],
    };
  });
  return { pages, suggest: definition.suggest };
}

/** Reads every page once at start-up: its module, and its prose in each locale, parsed. */
export function loadSite({ pagesDir, pagesCodeDir }: SiteSources): Site {
  const pages = listPageFolders(pagesDir).map((folder): SitePage => {
    const definition = requireDefault<PageDefinition<unknown>>(
      path.join(pagesCodeDir, folder.name, 'page'),
      `pages/${folder.name}/page.tsx`,
    );
    const lessons = {} as Record<Locale, Lesson>;
    for (const locale of LOCALES) {
      lessons[locale] = parseLesson(fs.readFileSync(folder.contentFiles[locale], 'utf8'));
      checkWidgets(lessons[locale], definition.widgets, `pages/${folder.name}/content.${locale}.md`);
    }
    const children = loadChildren(folder, definition, pagesCodeDir);
    const entries = Object.fromEntries(LOCALES.map((locale) => [locale, entryName(folder.name, locale)])) as Record<
      Locale,
      string
    >;
    return {
      slug: folder.slug,
      pattern: folder.slug,
      bundle: folder.name,
      entries,
      definition,
      lessons,
      key: null,
      children: children.pages,
      suggest: children.suggest,
    };
  });
  pages.sort((a, b) => a.definition.order - b.definition.order || a.slug.localeCompare(b.slug));
  const all = pages.flatMap((page) => [page, ...page.children]);

  const bySlug = new Map(all.map((page) => [page.slug, page]));
  const toEntry = (page: SitePage, locale: Locale): NavEntry => ({
    slug: page.slug,
    href: pagePath(locale, page.slug),
    navTitle: page.lessons[locale].meta.navTitle,
    title: page.lessons[locale].meta.title,
    description: page.lessons[locale].meta.description,
  });
  const navCache = new Map(LOCALES.map((l) => [l, pages.filter((p) => p.definition.inNav).map((p) => toEntry(p, l))]));
  const entryCache = new Map(LOCALES.map((l) => [l, all.map((p) => toEntry(p, l))]));
  // Made once: the loader of a page with children gets them on every request.
  const entryBySlug = new Map(
    LOCALES.map((l) => [l, new Map((entryCache.get(l) as NavEntry[]).map((e) => [e.slug, e]))]),
  );
  const entryOf = (page: SitePage, locale: Locale) => entryBySlug.get(locale)?.get(page.slug) as NavEntry;
  return {
    pages,
    all,
    find: (slug) => bySlug.get(slug),
    nav: (locale) => navCache.get(locale) as NavEntry[],
    entries: (locale) => entryCache.get(locale) as NavEntry[],
    childEntries: (page, locale) => page.children.map((child) => entryOf(child, locale)),
    nearby(slug, locale) {
      const at = slug.lastIndexOf('/');
      const parent = at === -1 ? undefined : bySlug.get(slug.slice(0, at));
      if (!parent?.suggest) return [];
      const segment = slug.slice(at + 1);
      return parent.suggest(segment).flatMap((key) => {
        const child = bySlug.get(`${parent.slug}/${key}`);
        return child ? [entryOf(child, locale)] : [];
      });
    },
  };
}
