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

/** Everything one render of a page needs; the server embeds it (less the lesson) for hydration. */
export interface PageProps<Data = unknown> {
  locale: Locale;
  slug: string;
  lesson: Lesson;
  /** Topic pages in navigation order, in this locale. */
  nav: NavEntry[];
  /** The same page in the other locale(s), for the language switch. */
  alternates: { locale: Locale; href: string }[];
  /** What the page's own loader returned for this request. */
  data: Data;
  /** The live wire as it stood when the page was rendered. */
  wire: WireState;
}

/** A live part of a lesson, placed by a `<!-- widget: name -->` line in the prose. */
export type Widget<Data = unknown> = ComponentType<PageProps<Data>>;

/** What the server tells the page's loader about the request it renders for. */
export interface LoadContext {
  locale: Locale;
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
 * The typed contract of a page module (`pages/<folder>/page.tsx`, default export). Everything else a
 * page has — its route, its titles, its place in the sitemap — comes from its folder and its prose.
 */
export interface PageDefinition<Data = unknown> {
  /** Position in the navigation, lowest first. */
  order: number;
  /** Whether the page is listed in the topic navigation (the home page is not). */
  inNav: boolean;
  /** Live-wire channels the page shows; all of them when absent. */
  channels?: Channel[];
  /** The live parts this page's prose places, by name. */
  widgets: Record<string, Widget<Data>>;
  /** Data for one render, loaded on the server; it must be JSON-serialisable. */
  load?: (context: LoadContext) => Data | Promise<Data>;
}

export function definePage<Data>(page: PageDefinition<Data>): PageDefinition<Data> {
  return page;
}

/**
 * The contract of a `pages/<folder>/[param]/page.tsx` module: one page per key under the parent
 * (`/<folder>/<key>`), sharing one bundle. Each key's prose is `[param]/<key>.<locale>.md`; the
 * module turns it into the page's lesson, adding what is data rather than prose.
 */
export interface ChildPagesDefinition<Data = unknown> extends Omit<PageDefinition<Data>, 'order' | 'inNav'> {
  keys: readonly string[];
  /** Runs on the server only: the lesson travels to the browser in the page's embedded state. */
  lesson(key: string, locale: Locale, prose: LessonParts): Lesson;
  /** Keys worth offering on the 404 page for a segment that is not a key. */
  suggest?(segment: string): string[];
}

export function defineChildPages<Data>(pages: ChildPagesDefinition<Data>): ChildPagesDefinition<Data> {
  return pages;
}

/** The JSON the server embeds in a page for the client bootstrap. */
export interface EmbeddedState<Data = unknown> extends Omit<PageProps<Data>, 'lesson'> {
  /** 'hydrate' normally; 'render' when the server fell back to an empty shell. */
  mode: 'hydrate' | 'render';
  /** Only for child pages, whose bundle serves many lessons; other bundles compile theirs in. */
  lesson?: Lesson;
}

export const EMBEDDED_STATE_ID = 'wirebook-state';
export const ROOT_ID = 'root';
