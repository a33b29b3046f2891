import fs from 'node:fs';
import path from 'node:path';
import { LOCALES, type Locale } from '../shared/locale';

/** The folder whose page is served at the root of each locale. */
export const HOME_FOLDER = 'home';
const FOLDER_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface PageFolder {
  /** Folder name under pages/. */
  name: string;
  /** Route name: the folder name, or '' for the home page. */
  slug: string;
  dir: string;
  /** Prose files by locale. */
  contentFiles: Record<Locale, string>;
  /** The page's own stylesheet, if it has one. */
  styleFile: string | null;
  /** Whether the page has parts that run in the browser (`islands.tsx`): its webpack entry. */
  hasIslands: boolean;
  /** A `[param]` subfolder: one child page per key, at `/<slug>/<key>`. */
  children: ChildFolder | null;
}

export interface ChildFolder {
  /** The parameter's name, from `[name]`. */
  param: string;
  dir: string;
  /** Name of the children's webpack entry: `<folder>.<param>`. */
  bundle: string;
  hasIslands: boolean;
}

/** The module of a page that only the server runs: its definition, loader and static widgets. */
export const SERVER_MODULE = 'page.server';
/** The module of a page that runs in the browser too: its islands. */
export const ISLANDS_MODULE = 'islands';
const hasModule = (dir: string, name: string) => fs.existsSync(path.join(dir, `${name}.tsx`));

const CHILD_FOLDER = /^\[([a-z]+)\]$/;

/** A key's prose file in a child folder. */
export function childContentFile(children: ChildFolder, key: string, locale: Locale): string {
  return path.join(children.dir, `${key}.${locale}.md`);
}

export class PageFolderError extends Error {
  readonly code = 'WB_ERR_PAGE_FOLDER';
}

export function contentFileName(locale: Locale): string {
  return `content.${locale}.md`;
}

/**
 * Every page folder under `pagesDir`, sorted by name. This one scan is what the routes, the
 * navigation, the sitemap and the webpack entries all derive from. A folder that is not a complete
 * page (no page.tsx, a locale's prose missing, a name that is not a URL segment) fails loudly.
 */
export function listPageFolders(pagesDir: string): PageFolder[] {
  return fs
    .readdirSync(pagesDir)
    .filter((name) => fs.statSync(path.join(pagesDir, name)).isDirectory()) // follows links
    .sort()
    .map((name) => {
      const dir = path.join(pagesDir, name);
      if (!FOLDER_NAME.test(name))
        throw new PageFolderError(`pages/${name}: a page folder's name must be lower-case kebab-case`);
      if (!hasModule(dir, SERVER_MODULE)) throw new PageFolderError(`pages/${name}: ${SERVER_MODULE}.tsx is missing`);
      const contentFiles = {} as Record<Locale, string>;
      for (const locale of LOCALES) {
        const file = path.join(dir, contentFileName(locale));
        if (!fs.existsSync(file)) throw new PageFolderError(`pages/${name}: ${contentFileName(locale)} is missing`);
        contentFiles[locale] = file;
      }
      const styleFile = path.join(dir, 'style.css');
      return {
        name,
        slug: name === HOME_FOLDER ? '' : name,
        dir,
        contentFiles,
        styleFile: fs.existsSync(styleFile) ? styleFile : null,
        hasIslands: hasModule(dir, ISLANDS_MODULE),
        children: childFolderOf(name, dir),
      };
    });
}

function childFolderOf(name: string, dir: string): ChildFolder | null {
  const found = fs.readdirSync(dir).flatMap((entry) => {
    const param = CHILD_FOLDER.exec(entry)?.[1];
    return param && fs.statSync(path.join(dir, entry)).isDirectory()
      ? [{ param, dir: path.join(dir, entry), bundle: `${name}.${param}`, hasIslands: false }]
      : [];
  });
  const [child, ...others] = found;
  if (others.length > 0) throw new PageFolderError(`pages/${name}: a page has at most one [param] folder`);
  if (!child) return null;
  if (name === HOME_FOLDER) throw new PageFolderError(`pages/${name}: the home page cannot have child pages`);
  if (!hasModule(child.dir, SERVER_MODULE))
    throw new PageFolderError(`pages/${name}/[${child.param}]: ${SERVER_MODULE}.tsx is missing`);
  return { ...child, hasIslands: hasModule(child.dir, ISLANDS_MODULE) };
}
