import type { ComponentType } from 'react';
import type { Channel } from './feed/protocol';
import type { WireState } from './feed/state';
import type { Lesson, LessonParts } from './lesson';
import type { Locale } from './locale';

/** A page in the navigation, as the layout and the home page's topic map show it. */
export interface NavEntry {
  slug: string;
  href: string;
  navTitle: string;
  title: string;
  description: string;
}

/** Where a page stands in the site, for its breadcrumbs and its previous and next links. */
export interface Wayfinding {
  /** The pages above this one, from home down to its parent; empty for home. */
  trail: NavEntry[];
  /** The page before and after it: the lessons in their suggested order, or a parent's child pages in key order. */
  prev: NavEntry | null;
  next: NavEntry | null;
  /** The lesson's number in the suggested order (1 for the first); null for home and child pages. */
  number: number | null;
}

/** What every widget of a page renders from. */
export interface WidgetProps<Data = unknown> {
  locale: Locale;
  slug: string;
  /**
   * What the page's `load` returned for this locale and build; for a personal island, what the
   * page's `fresh` made of it for this request.
   */
  data: Data;
}

/** A part of a lesson, placed by a `<!-- widget: name -->` line in the prose. */
export type Widget<Data = unknown> = ComponentType<WidgetProps<Data>>;

/**
 * How an island reaches the reader. `hydrated`: rendered once into the page's static shell, then
 * hydrated in the browser (labs, playgrounds, diagrams to step through). `live`: shows the live
 * wire as every reader sees it at this moment (recent events, readers online, socket states), so
 * it is rendered once per wire snapshot and shared by the pages served meanwhile. `personal`: shows
 * this request (the reader's own connection, fresh random numbers), so it is rendered for each.
 * All three are hydrated. Only live and personal islands may read the live wire; a live island
 * is rendered without the reader's own part of it (`you`, `mine`), so it may show that part only
 * once mounted in the browser.
 */
export type IslandRender = 'hydrated' | 'live' | 'personal';

export interface Island<Data = unknown> {
  render: IslandRender;
  component: Widget<Data>;
}

export type Islands<Data = unknown> = Record<string, Island<Data>>;

export function hydrated<Data>(component: Widget<Data>): Island<Data> {
  return { render: 'hydrated', component };
}

export function live<Data>(component: Widget<Data>): Island<Data> {
  return { render: 'live', component };
}

export function personal<Data>(component: Widget<Data>): Island<Data> {
  return { render: 'personal', component };
}

/**
 * The contract of `pages/<folder>/islands.tsx`, default export: the parts of a page that run in the
 * browser. It is the page's webpack entry; nothing else of the page reaches the browser.
 */
export function defineIslands<Data>(islands: Islands<Data>): Islands<Data> {
  return islands;
}

/** What the server tells a page's loader: nothing about any one request, since it runs once per build. */
export interface LoadContext {
  locale: Locale;
  /** Topic pages in navigation order, in this locale. */
  nav: NavEntry[];
  /** Files of this page's client bundle, with their sizes on the wire. */
  assets: AssetInfo[];
  /** For a child page, its key (`404` for /http-status/404); null otherwise. */
  key: string | null;
  /** For a parent page, its child pages in this locale; empty otherwise. */
  children: NavEntry[];
  labs: LabSettings;
  /** The site's public origin (PUBLIC_ORIGIN), for commands a reader copies, such as curl's. */
  origin: string;
}

/** How this server's labs run; pages state it, so nothing about a measurement is hidden. */
export interface LabSettings {
  /** The TLS port that speaks only HTTP/1.1, as bound (null when off). */
  readonly h1Port: number | null;
  /** How long each waterfall tile waits before it answers. */
  readonly tileDelayMs: number;
}

export interface AssetInfo {
  url: string;
  kind: 'script' | 'style';
  bytes: number;
  gzipBytes: number | null;
  brotliBytes: number | null;
}

/**
 * The typed contract of `pages/<folder>/page.server.tsx`, default export: everything about a page
 * that only the server runs. Its route, titles and place in the sitemap come from its folder and
 * its prose; its browser half is `islands.tsx`.
 */
export interface PageDefinition<Data = unknown> {
  /** Position in the navigation, lowest first. */
  order: number;
  /** Whether the page is listed in the topic navigation (the home page is not). */
  inNav: boolean;
  /** Live-wire channels the page shows; all of them when absent. */
  channels?: Channel[];
  /** Widgets rendered once into the page's static shell: they ship no JavaScript. */
  widgets?: Record<string, Widget<Data>>;
  /**
   * The page's data in one locale, loaded once per build (the static shell is rendered from it);
   * it must be JSON-serialisable, as the islands receive it in the browser.
   */
  load?: (context: LoadContext) => Data | Promise<Data>;
  /** Per request, what personal islands render from instead of `load`'s data: fresh random numbers, say. */
  fresh?: (data: Data) => Data;
}

export function definePage<Data>(page: PageDefinition<Data>): PageDefinition<Data> {
  return page;
}

/**
 * The contract of a `pages/<folder>/[param]/page.server.tsx` module: one page per key under the
 * parent (`/<folder>/<key>`), sharing one `islands.tsx`. Each key's prose is
 * `[param]/<key>.<locale>.md`; the module turns it into the page's lesson, adding what is data
 * rather than prose.
 */
export interface ChildPagesDefinition<Data = unknown> extends Omit<PageDefinition<Data>, 'order' | 'inNav'> {
  keys: readonly string[];
  lesson(key: string, locale: Locale, prose: LessonParts): Lesson;
  /** Keys worth offering on the 404 page for a segment that is not a key. */
  suggest?(segment: string): string[];
}

export function defineChildPages<Data>(pages: ChildPagesDefinition<Data>): ChildPagesDefinition<Data> {
  return pages;
}

/** The JSON the server embeds in a page with islands, for the browser to hydrate them from. */
export interface EmbeddedState<Data = unknown> extends Omit<WidgetProps<Data>, 'data'> {
  /** `load`'s data, for hydrated islands. */
  data: Data;
  /** This request's `fresh` data, for personal islands; null when the page has no `fresh`. */
  fresh: Data | null;
  /** The live wire as it stood when the page was rendered. */
  wire: WireState;
}

export const EMBEDDED_STATE_ID = 'wirebook-state';
/** The attribute that marks an island's container; its value is the island's index in the page. */
export const ISLAND_ATTRIBUTE = 'data-island';
/** Set on an island's container when the server left it for the browser to render. */
export const RENDER_IN_BROWSER_ATTRIBUTE = 'data-render-in-browser';

/** The useId prefix of an island's root, the same in the server render and the hydration. */
export function islandIdPrefix(index: number): string {
  return `i${index}-`;
}
