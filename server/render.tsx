import { performance } from 'node:perf_hooks';
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';
import type { Request, Response } from 'express';
import { renderToString } from 'react-dom/server';
import { IslandRoot } from '../shared/components/IslandRoot';
import { WireEventHtml } from '../shared/components/LiveWire';
import { CHANNELS, type FeedEvent } from '../shared/feed/protocol';
import { NO_READER, type SharedWire } from '../shared/feed/state';
import { FeedStore } from '../shared/feed/store';
import type { Locale } from '../shared/locale';
import { EMBEDDED_STATE_ID, islandIdPrefix, type WidgetProps } from '../shared/page';
import { serializeForScript } from '../shared/safe-json';
import { preferredEncoding, type ContentCoding } from './encoding';
import type { LiveWire } from './feed/live-wire';
import type { Logger } from './logger';
import type { LoadShedder } from './load-shedder';
import { DOCUMENT_END, widgetContainer, type IslandSlot, type PageShell, type ShellCache } from './shell';
import type { Site, SitePage } from './site';
import { wireEventHtml } from './wire-event-html';

export interface RenderContext {
  site: Site;
  wire: LiveWire;
  shells: ShellCache;
  logger: Logger;
  /** Says when the event loop lags: live islands are then left for the browser to render. */
  shedder: LoadShedder;
}

/** Sets the headers every page response has, GET and HEAD alike; returns the body's coding. */
function pageHeaders(req: Request, res: Response): ContentCoding | null {
  const encoding = preferredEncoding(req, ['br', 'gzip']);
  res.set({
    'Content-Type': 'text/html; charset=utf-8',
    // The page embeds this reader's view token and connection: no cache may keep or share it.
    'Cache-Control': 'private, no-store',
    Vary: 'Accept-Encoding',
  });
  if (encoding) res.set('Content-Encoding', encoding);
  return encoding;
}

/** The response body, compressed on the fly when the client accepts it. */
function openBody(res: Response, encoding: ContentCoding | null): Writable {
  if (!encoding) return res;
  // Fast settings: the first bytes matter more than the last percent.
  const compressor =
    encoding === 'br'
      ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })
      : zlib.createGzip({ level: 6 });
  compressor.pipe(res);
  return compressor;
}

/** Each event's JSON, made once: an event is immutable, and shows in many snapshots. */
const eventJson = new WeakMap<FeedEvent, string>();

/** A wire snapshot as safe JSON, its events' serialisation reused from earlier snapshots. */
function serializeShared({ events, ...rest }: SharedWire): string {
  const parts = events.map((event) => {
    let json = eventJson.get(event);
    if (json === undefined) {
      json = serializeForScript(event);
      eventJson.set(event, json);
    }
    return json;
  });
  return `${serializeForScript(rest).slice(0, -1)},"events":[${parts.join(',')}]}`;
}

/** What every page rendered from one wire snapshot shares: the store live islands read, its JSON, their HTML. */
interface SnapshotRender {
  store: FeedStore;
  json: string;
  islands: Map<IslandSlot, string>;
}

/** Kept while the snapshot is (the live wire replaces it within SNAPSHOT_MAX_AGE_MS). */
const snapshotRenders = new WeakMap<SharedWire, SnapshotRender>();

function snapshotRender(shared: SharedWire): SnapshotRender {
  let known = snapshotRenders.get(shared);
  if (!known) {
    known = {
      store: new FeedStore({ ...shared, ...NO_READER }, ''),
      json: serializeShared(shared),
      islands: new Map(),
    };
    snapshotRenders.set(shared, known);
  }
  return known;
}

/** Whether the client has gone before its response started: then the page costs nothing more. */
function abandoned(req: Request, res: Response): boolean {
  return res.destroyed || res.writableEnded || req.socket.destroyed;
}

/** One island rendered now; one that throws or suspends is left for the browser to render. */
function renderIsland(slot: IslandSlot, props: WidgetProps, store: FeedStore, log: Logger): string {
  const Island = slot.island.component;
  try {
    const html = renderToString(
      <WireEventHtml.Provider value={wireEventHtml}>
        <IslandRoot store={store}>
          <Island {...props} />
        </IslandRoot>
      </WireEventHtml.Provider>,
      { identifierPrefix: islandIdPrefix(slot.index) },
    );
    // renderToString marks a boundary it could not finish (it never waits) for the client to render.
    if (!html.includes('<!--$!-->')) return widgetContainer(slot.name, html, { index: slot.index, inBrowser: false });
    log.warn(
      { page: props.slug, locale: props.locale, widget: slot.name },
      'a live island suspended; left to the browser',
    );
  } catch (err) {
    log.error(
      { err, page: props.slug, locale: props.locale, widget: slot.name },
      'a live island failed; left to the browser',
    );
  }
  return widgetContainer(slot.name, '', { index: slot.index, inBrowser: true });
}

/**
 * Serves one page: its static shell from memory, with only what is live rendered for this request —
 * the live islands, and the state their hydration needs (this reader's view token and connection,
 * the wire's recent events, fresh data). Early Hints go first over h2; then the document leaves in one
 * write. Under load the islands are left for the browser; the lesson never is.
 */
export async function renderPage(
  req: Request,
  res: Response,
  page: SitePage,
  locale: Locale,
  ctx: RenderContext,
): Promise<void> {
  const encoding = pageHeaders(req, res);
  if (req.method === 'HEAD') {
    res.status(200).end();
    return;
  }
  const shell = await ctx.shells.get(page, locale);
  if (abandoned(req, res)) return;
  const started = performance.now();
  // Hints only over HTTP/2: some HTTP/1.1 clients mishandle interim responses (RFC 8297 §3).
  if (req.httpVersionMajor === 2 && shell.hints.length > 0) res.writeEarlyHints({ link: shell.hints });

  const nonce = res.locals.nonce as string;
  const degraded = shell.slots.length > 0 && ctx.shedder.shouldShed();
  const nonceBytes = Buffer.from(nonce);
  const chunks = [
    ...shell.head.flatMap((part, i) => (i === 0 ? [part] : [nonceBytes, part])),
    ...composeLive(req, page, locale, shell, ctx, degraded),
  ];
  const renderMs = performance.now() - started;
  res
    .status(200)
    .set('Server-Timing', `render;dur=${renderMs.toFixed(2)}${degraded ? ';desc="islands left to the browser"' : ''}`);
  const document = Buffer.concat(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)));
  openBody(res, encoding).end(document);
}

/**
 * The body after the head: static parts and, between them, the islands rendered per snapshot (live)
 * or per request (personal), then the embedded state and the end.
 */
function composeLive(
  req: Request,
  page: SitePage,
  locale: Locale,
  shell: PageShell,
  ctx: RenderContext,
  degraded: boolean,
): (Buffer | string)[] {
  const chunks: (Buffer | string)[] = [shell.parts[0] as Buffer];
  if (shell.stateStart === null) return [...chunks, DOCUMENT_END];
  const { shared, reader } = ctx.wire.pageState(req, page.slug, page.definition.channels ?? [...CHANNELS]);
  const snapshot = snapshotRender(shared);
  const fresh = page.definition.fresh ? page.definition.fresh(shell.data) : null;
  const props: WidgetProps = { locale, slug: page.slug, nav: ctx.site.nav(locale), data: shell.data };
  let readerStore: FeedStore | null = null;
  shell.slots.forEach((slot, i) => {
    let html: string;
    if (degraded) {
      html = widgetContainer(slot.name, '', { index: slot.index, inBrowser: true });
    } else if (slot.island.render === 'live') {
      html = snapshot.islands.get(slot) ?? renderIsland(slot, props, snapshot.store, ctx.logger);
      snapshot.islands.set(slot, html);
    } else {
      readerStore ??= new FeedStore({ ...shared, ...reader }, page.slug);
      html = renderIsland(slot, { ...props, data: fresh ?? shell.data }, readerStore, ctx.logger);
    }
    chunks.push(html, shell.parts[i + 1] as Buffer);
  });
  const readerJson = serializeForScript(reader).slice(0, -1);
  chunks.push(
    `<script type="application/json" id="${EMBEDDED_STATE_ID}">${shell.stateStart},"fresh":${serializeForScript(fresh)},"wire":${readerJson},${snapshot.json.slice(1)}}</script>`,
    DOCUMENT_END,
  );
  return chunks;
}
