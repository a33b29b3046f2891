import fs from 'node:fs';
import path from 'node:path';
import { parseLesson, parseLessonParts, lessonWidgets, type Lesson } from '../shared/lesson';
import { LOCALES, pagePath, type Locale } from '../shared/locale';
import type { ChildPagesDefinition, Islands, NavEntry, PageDefinition, Wayfinding } from '../shared/page';
import {
  childContentFile,
  ISLANDS_MODULE,
  listPageFolders,
  PageFolderError,
  SERVER_MODULE,
  type PageFolder,
} from './page-folders';

export interface SitePage {
  /** Route name: '' for home, `tcp-handshake`, or `http-status/404` for a child page. */
  slug: string;
  /** The route as the live wire names it, without the locale: the slug, or `http-status/:code` for child pages. */
  pattern: string;
  /** The page's webpack entry (and manifest key): its folder, or `<folder>.<param>` for child pages, which share one. */
  entry: string;
  definition: PageDefinition<unknown>;
  /** The parts that run in the browser, by widget name; empty for a page that ships no script. */
  islands: Islands;
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
  /** Where a page stands: its breadcrumbs, its previous and next page, its lesson number. */
  wayfinding(page: SitePage, locale: Locale): Wayfinding;
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

/** A folder's page.server.tsx and, when it has one, its islands.tsx: each widget name defined once. */
function requirePage<T extends { widgets?: Record<string, unknown> }>(
  codeDir: string,
  hasIslands: boolean,
  where: string,
): { definition: T; islands: Islands } {
  const definition = requireDefault<T>(path.join(codeDir, SERVER_MODULE), `${where}/${SERVER_MODULE}.tsx`);
  const islands = hasIslands
    ? requireDefault<Islands>(path.join(codeDir, ISLANDS_MODULE), `${where}/${ISLANDS_MODULE}.tsx`)
    : {};
  for (const name of Object.keys(islands)) {
    if (definition.widgets?.[name])
      throw new PageFolderError(
        `${where}: widget "${name}" is defined both in ${ISLANDS_MODULE}.tsx and in ${SERVER_MODULE}.tsx`,
      );
  }
  return { definition, islands };
}

/** Says which widget names a page defines, in either of its modules. */
function widgetCheck(definition: { widgets?: Record<string, unknown> }, islands: Islands) {
  return (name: string): boolean => Boolean(definition.widgets?.[name] ?? islands[name]);
}

function checkWidgets(lesson: Lesson, defined: (name: string) => boolean, where: string): void {
  for (const widget of lessonWidgets(lesson)) {
    if (!defined(widget))
      throw new PageFolderError(
        `${where} places widget "${widget}", which neither its ${SERVER_MODULE}.tsx nor its ${ISLANDS_MODULE}.tsx defines`,
      );
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
  const { definition, islands } = requirePage<ChildPagesDefinition<unknown>>(
    path.join(pagesCodeDir, folder.name, `[${children.param}]`),
    children.hasIslands,
    where,
  );
  const defined = widgetCheck(definition, islands);
  const pages = definition.keys.map((key): SitePage => {
    const lessons = {} as Record<Locale, Lesson>;
    for (const locale of LOCALES) {
      const file = childContentFile(children, key, locale);
      if (!fs.existsSync(file)) throw new PageFolderError(`${where}: ${key}.${locale}.md is missing`);
      lessons[locale] = definition.lesson(key, locale, parseLessonParts(fs.readFileSync(file, 'utf8')));
      checkWidgets(lessons[locale], defined, `${where}/${key}.${locale}.md`);
    }
    return {
      slug: `${folder.slug}/${key}`,
      pattern: `${folder.slug}/:${children.param}`,
      entry: children.bundle,
      definition: { ...definition, order: parent.order, inNav: false },
      islands,
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
    const { definition, islands } = requirePage<PageDefinition<unknown>>(
      path.join(pagesCodeDir, folder.name),
      folder.hasIslands,
      `pages/${folder.name}`,
    );
    const defined = widgetCheck(definition, islands);
    const lessons = {} as Record<Locale, Lesson>;
    for (const locale of LOCALES) {
      lessons[locale] = parseLesson(fs.readFileSync(folder.contentFiles[locale], 'utf8'));
      checkWidgets(lessons[locale], defined, `pages/${folder.name}/content.${locale}.md`);
    }
    const children = loadChildren(folder, definition, pagesCodeDir);
    return {
      slug: folder.slug,
      pattern: folder.slug,
      entry: folder.name,
      definition,
      islands,
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
  const lessons = pages.filter((p) => p.definition.inNav);
  const home = pages.find((p) => p.slug === '');
  const parentOf = new Map(pages.flatMap((parent) => parent.children.map((child) => [child, parent] as const)));
  const wayfinding = (page: SitePage, locale: Locale): Wayfinding => {
    const parent = parentOf.get(page);
    // Home leads to the first lesson; a lesson sits between its neighbours; a child page between its siblings.
    const row = parent ? parent.children : home ? [home, ...lessons] : lessons;
    const at = row.indexOf(page);
    const sibling = (offset: number) => {
      const other = at === -1 ? undefined : row[at + offset];
      return other ? entryOf(other, locale) : null;
    };
    const number = lessons.indexOf(page);
    return {
      trail: page === home ? [] : [home, parent].flatMap((p) => (p ? [entryOf(p, locale)] : [])),
      prev: page === lessons[0] ? null : sibling(-1),
      next: sibling(1),
      number: number === -1 ? null : number + 1,
    };
  };
  return {
    wayfinding,
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
