import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { prerenderToNodeStream } from 'react-dom/static';
import { IslandRoot } from '../shared/components/IslandRoot';
import { Layout } from '../shared/components/Layout';
import { LessonView } from '../shared/components/LessonView';
import { alternatesOf, pagePath, type Locale } from '../shared/locale';
import { EMBEDDED_STATE_ID, islandIdPrefix, type Island } from '../shared/page';
import { serializeForScript } from '../shared/safe-json';
import { LAYOUT_STRINGS } from '../shared/strings';
import { documentStart } from './document';
import { deflatedPiece, type Piece } from './gzip-body';
import type { Logger } from './logger';
import { loadPageProps, type PagePropsSources } from './page-props';
import type { SitePage } from './site';

/** A live or personal island's place in the shell, between two static parts: rendered as the page is served. */
export interface IslandSlot {
  index: number;
  name: string;
  island: Island;
}

/**
 * Everything about a page in one locale that is the same for every reader, rendered once per build
 * and kept as bytes, raw and deflated: the document is `head` joined by the nonce, then `parts` with
 * an island rendered as the page is served between each two, then the embedded state and the end.
 */
export interface PageShell {
  /** The document up to `<body>`, split where each script tag's CSP nonce goes. */
  head: Piece[];
  /** The static markup around the islands rendered as the page is served: one more part than slots. */
  parts: Piece[];
  slots: IslandSlot[];
  /** What the page's `load` returned, which `fresh` starts from. */
  data: unknown;
  /**
   * The embedded state's script element up to its per-request fields (`<script …>{"locale":…,"fresh":`),
   * and its end with the document's; null for a page without islands, which ends with DOCUMENT_END.
   */
  state: { open: Piece; close: Piece } | null;
  /** The Link values of the page's 103 Early Hints. */
  hints: string[];
  /** Bytes this shell holds. */
  bytes: number;
  /** False when a part failed and stands in as a note or is left to the browser: such a shell is not kept. */
  complete: boolean;
}

const END = '\n</body>\n</html>\n';
export const DOCUMENT_END = deflatedPiece(Buffer.from(END));

export interface ShellContext extends PagePropsSources {
  logger: Logger;
  /** A static part not rendered by then is left out (a widget) or to the browser (an island). */
  deadlineMs: number;
}

/** Stands for the nonce while the head is rendered; it cannot occur in a title or a URL. */
const NONCE_SLOT = '\u0000nonce\u0000';
const WIDGET_SLOT = /<template data-slot="(\d+)"><\/template>/g;

function jsonLdFor(page: SitePage, locale: Locale, url: string) {
  const meta = page.lessons[locale].meta;
  const type = page.slug === '' ? 'WebSite' : 'TechArticle';
  return {
    '@context': 'https://schema.org',
    '@type': type,
    name: meta.title,
    headline: meta.title,
    description: meta.description,
    inLanguage: locale,
    url,
  };
}

/** The container of a widget; an island's carries its index, by which the browser finds and hydrates it. */
export function widgetContainer(
  name: string,
  inner: string,
  island: { index: number; inBrowser: boolean } | null = null,
): string {
  const attributes = island
    ? ` data-island="${island.index}"${island.inBrowser ? ' data-render-in-browser=""' : ''}`
    : '';
  return `<div class="widget" data-widget="${name}"${attributes}>${inner}</div>`;
}

class PartNotReadyError extends Error {
  readonly code = 'WB_ERR_PART_NOT_READY';
}

/**
 * Renders one part of the shell to HTML, waiting for anything it suspends on, up to the deadline.
 * An error anywhere in it, or the deadline, fails the part: half a part is never kept.
 */
async function prerenderPart(element: ReactElement, identifierPrefix: string, deadlineMs: number): Promise<string> {
  const controller = new AbortController();
  const deadline = setTimeout(
    () => controller.abort(new PartNotReadyError(`not ready within the ${deadlineMs} ms deadline`)),
    deadlineMs,
  );
  let failure: unknown = null;
  try {
    const { prelude } = await prerenderToNodeStream(element, {
      signal: controller.signal,
      identifierPrefix,
      onError: (error) => {
        failure ??= error;
      },
    });
    const chunks: Buffer[] = [];
    for await (const chunk of prelude) chunks.push(chunk as Buffer);
    if (controller.signal.aborted) throw controller.signal.reason;
    if (failure) throw failure;
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    clearTimeout(deadline);
  }
}

/** Renders a page's static shell in one locale: its head, its prose and every part that is the same for every reader. */
export async function renderShell(page: SitePage, locale: Locale, ctx: ShellContext): Promise<PageShell> {
  const { definition, islands } = page;
  const { props, assets } = await loadPageProps(ctx, page, locale);
  const lesson = page.lessons[locale];

  const names: string[] = [];
  const markup = renderToStaticMarkup(
    <Layout
      locale={locale}
      currentSlug={page.slug}
      nav={ctx.site.nav(locale)}
      alternates={alternatesOf(locale, page.slug)}
      searchIndex={ctx.build.searchIndex(locale)}
    >
      <LessonView
        lesson={lesson}
        locale={locale}
        origin={ctx.publicOrigin}
        wayfinding={ctx.site.wayfinding(page, locale)}
        lessonCount={ctx.site.nav(locale).length}
        renderWidget={(name, index) => {
          names[index] = name;
          return <template data-slot={index} />;
        }}
      />
    </Layout>,
  );

  const slots: IslandSlot[] = [];
  let complete = true;
  const containers = await Promise.all(
    names.map(async (name, index): Promise<string | null> => {
      const island = islands[name];
      if (island && island.render !== 'hydrated') {
        slots.push({ index, name, island });
        return null;
      }
      const failed = (err: unknown) => {
        complete = false;
        ctx.logger.error(
          { err, page: page.slug, locale, widget: name },
          'a part of the static shell could not be rendered',
        );
      };
      if (island) {
        const element = (
          <IslandRoot store={null}>
            <island.component {...props} />
          </IslandRoot>
        );
        try {
          const html = await prerenderPart(element, islandIdPrefix(index), ctx.deadlineMs);
          return widgetContainer(name, html, { index, inBrowser: false });
        } catch (error) {
          failed(error);
          return widgetContainer(name, '', { index, inBrowser: true });
        }
      }
      const Widget = definition.widgets?.[name];
      if (!Widget) throw new Error(`lesson places widget "${name}", which the page does not define`);
      try {
        return widgetContainer(name, await prerenderPart(<Widget {...props} />, `w${index}-`, ctx.deadlineMs));
      } catch (error) {
        failed(error);
        return widgetContainer(name, `<p class="widget__note">${LAYOUT_STRINGS[locale].widgetUnavailable}</p>`);
      }
    }),
  );
  slots.sort((a, b) => a.index - b.index);
  const body = markup.replace(WIDGET_SLOT, (slot, index: string) => containers[Number(index)] ?? slot);
  const parts = body.split(WIDGET_SLOT).filter((_, i) => i % 2 === 0);

  const hasIslands = Object.keys(islands).length > 0;
  const styles = assets.filter((a) => a.kind === 'style').map((a) => a.url);
  const scripts = hasIslands ? assets.filter((a) => a.kind === 'script').map((a) => a.url) : [];
  const head = documentStart({
    locale,
    title: page.slug === '' ? lesson.meta.title : `${lesson.meta.title} · Wirebook`,
    description: lesson.meta.description,
    slug: page.slug,
    publicOrigin: ctx.publicOrigin,
    styles,
    scripts,
    jsonLd: jsonLdFor(page, locale, ctx.publicOrigin + pagePath(locale, page.slug)),
    nonce: NONCE_SLOT,
  })
    .split(NONCE_SLOT)
    .map((part) => deflatedPiece(Buffer.from(part)));
  const state = hasIslands
    ? {
        open: deflatedPiece(
          Buffer.from(
            `<script type="application/json" id="${EMBEDDED_STATE_ID}">${serializeForScript(props).slice(0, -1)},"fresh":`,
          ),
        ),
        close: deflatedPiece(Buffer.from(`}</script>${END}`)),
      }
    : null;
  const shell: PageShell = {
    head,
    parts: parts.map((part) => deflatedPiece(Buffer.from(part))),
    slots,
    data: props.data,
    state,
    hints: [
      ...styles.map((href) => `<${href}>; rel=preload; as=style`),
      ...scripts.map((href) => `<${href}>; rel=preload; as=script`),
    ],
    bytes: 0,
    complete,
  };
  shell.bytes = [...head, ...shell.parts, ...(state ? [state.open, state.close] : [])].reduce(
    (sum, piece) => sum + piece.raw.length + piece.deflated.length,
    0,
  );
  return shell;
}

/**
 * The shells of a build, each rendered on first use and kept: one per page and locale, so bounded
 * by the site itself (`bytes` says how much). Readers asking for a shell being rendered share it.
 */
export class ShellCache {
  private readonly shells = new Map<string, Promise<PageShell>>();
  private held = 0;

  constructor(private readonly ctx: ShellContext) {}

  get(page: SitePage, locale: Locale): Promise<PageShell> {
    const key = `${locale}:${page.slug}`;
    let shell = this.shells.get(key);
    if (!shell) {
      shell = renderShell(page, locale, this.ctx);
      this.shells.set(key, shell);
      // A shell that failed, or holds a part that did, is rendered again next time.
      const forget = () => this.shells.delete(key);
      shell.then((done) => (done.complete ? (this.held += done.bytes) : forget()), forget);
    }
    return shell;
  }

  /** Bytes held by the shells rendered so far. */
  get bytes(): number {
    return this.held;
  }
}
