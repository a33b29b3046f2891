import { performance } from 'node:perf_hooks';
import type { Request, Response } from 'express';
import { renderToString } from 'react-dom/server';
import { IslandRoot } from '../shared/components/IslandRoot';
import { WireEventHtml } from '../shared/components/LiveWire';
import { CHANNELS, type FeedEvent } from '../shared/feed/protocol';
import { NO_READER, type SharedWire } from '../shared/feed/state';
import { FeedStore } from '../shared/feed/store';
import type { Locale } from '../shared/locale';
import { islandIdPrefix, type WidgetProps } from '../shared/page';
import { serializeForScript } from '../shared/safe-json';
import { preferredEncoding } from './encoding';
import { oncePerObject } from './once-per-object';
import type { LiveWire } from './feed/live-wire';
import type { Logger } from './logger';
import { isAbandoned } from './secure-server';
import type { LoadShedder } from './load-shedder';
import { deflatedPiece, gzipBody, pieceForNow, type Piece } from './gzip-body';
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

/**
 * Sets the headers every page response has, GET and HEAD alike; returns the body's coding. Pages
 * are sent gzip, never br, even to a client that prefers br: their static parts are kept deflated,
 * and pieces of deflate can be joined into one stream (pieces of Brotli cannot).
 */
function pageHeaders(req: Request, res: Response): 'gzip' | null {
  const encoding = preferredEncoding(req, ['gzip']) === 'gzip' ? 'gzip' : null;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  // The page embeds this reader's view token and connection: no cache may keep or share it.
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Vary', 'Accept-Encoding');
  if (encoding) res.setHeader('Content-Encoding', encoding);
  return encoding;
}

/** Each event's safe JSON, made once: an event is immutable, and shows in many snapshots. */
const scriptJsonOf = oncePerObject((event: FeedEvent) => serializeForScript(event));

/** A wire snapshot as safe JSON, its events' serialisation reused from earlier snapshots. */
function serializeShared({ events, ...rest }: SharedWire): string {
  return `${serializeForScript(rest).slice(0, -1)},"events":[${events.map(scriptJsonOf).join(',')}]}`;
}

/**
 * What every page rendered from one wire snapshot shares: the store live islands read, the
 * snapshot's part of the embedded state (its JSON after the opening brace), the live islands' HTML.
 */
interface SnapshotRender {
  store: FeedStore;
  json: Piece;
  islands: Map<IslandSlot, Piece>;
}

/** Kept while the snapshot is (the live wire replaces it within SNAPSHOT_MAX_AGE_MS). */
const snapshotRenders = new WeakMap<SharedWire, SnapshotRender>();

function snapshotRender(shared: SharedWire): SnapshotRender {
  let known = snapshotRenders.get(shared);
  if (!known) {
    known = {
      store: new FeedStore({ ...shared, ...NO_READER }, ''),
      json: deflatedPiece(Buffer.from(serializeShared(shared).slice(1))),
      islands: new Map(),
    };
    snapshotRenders.set(shared, known);
  }
  return known;
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
    log.warn({ page: props.slug, locale: props.locale, widget: slot.name }, 'an island suspended; left to the browser');
  } catch (err) {
    log.error(
      { err, page: props.slug, locale: props.locale, widget: slot.name },
      'an island failed; left to the browser',
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
  // A stream reset in the same read as its HEADERS is closed by the next turn of the loop; one whose
  // client has gone costs no render, no view token and no event (rapid reset, CVE-2023-44487, never
  // amplified). Checked again once the shell is at hand, which may have been built meanwhile.
  await new Promise((resolve) => setImmediate(resolve));
  if (isAbandoned(req)) return;
  const encoding = pageHeaders(req, res);
  if (req.method === 'HEAD') {
    res.statusCode = 200;
    res.end();
    return;
  }
  const shell = await ctx.shells.get(page, locale);
  if (isAbandoned(req)) return;
  const started = performance.now();
  // Hints only over HTTP/2: some HTTP/1.1 clients mishandle interim responses (RFC 8297 §3).
  if (req.httpVersionMajor === 2 && shell.hints.length > 0) res.writeEarlyHints({ link: shell.hints });

  const degraded = shell.slots.length > 0 && ctx.shedder.shouldShed();
  const nonce = pieceForNow(Buffer.from(res.locals.nonce as string));
  const pieces = [
    ...shell.head.flatMap((part, i) => (i === 0 ? [part] : [nonce, part])),
    ...composeBody(req, page, locale, shell, ctx, degraded),
  ];
  const renderMs = performance.now() - started;
  res.statusCode = 200;
  res.setHeader(
    'Server-Timing',
    `render;dur=${renderMs.toFixed(2)}${degraded ? ';desc="islands left to the browser"' : ''}`,
  );
  res.end(encoding === 'gzip' ? gzipBody(pieces) : Buffer.concat(pieces.map((piece) => piece.raw)));
}

/**
 * The body after the head: static parts and, between them, the islands rendered per snapshot (live)
 * or per request (personal), then the embedded state and the end.
 */
/** A slot's island left for the browser to render (load shedding): the same bytes every time, made once. */
const shedIsland = oncePerObject((slot: IslandSlot) =>
  deflatedPiece(Buffer.from(widgetContainer(slot.name, '', { index: slot.index, inBrowser: true }))),
);

function composeBody(
  req: Request,
  page: SitePage,
  locale: Locale,
  shell: PageShell,
  ctx: RenderContext,
  degraded: boolean,
): Piece[] {
  const pieces: Piece[] = [shell.parts[0] as Piece];
  if (shell.state === null) return [...pieces, DOCUMENT_END];
  const { shared, reader } = ctx.wire.pageState(req, page.slug, page.definition.channels ?? [...CHANNELS]);
  const snapshot = snapshotRender(shared);
  const fresh = page.definition.fresh ? page.definition.fresh(shell.data) : null;
  const props: WidgetProps = { locale, slug: page.slug, data: shell.data };
  let readerStore: FeedStore | null = null;
  shell.slots.forEach((slot, i) => {
    let island: Piece;
    if (degraded) {
      island = shedIsland(slot);
    } else if (slot.island.render === 'live') {
      island =
        snapshot.islands.get(slot) ?? deflatedPiece(Buffer.from(renderIsland(slot, props, snapshot.store, ctx.logger)));
      snapshot.islands.set(slot, island);
    } else {
      readerStore ??= new FeedStore({ ...shared, ...reader }, page.slug);
      const html = renderIsland(slot, { ...props, data: fresh ?? shell.data }, readerStore, ctx.logger);
      island = pieceForNow(Buffer.from(html));
    }
    pieces.push(island, shell.parts[i + 1] as Piece);
  });
  const readerJson = `${serializeForScript(fresh)},"wire":${serializeForScript(reader).slice(0, -1)},`;
  pieces.push(shell.state.open, pieceForNow(Buffer.from(readerJson)), snapshot.json, shell.state.close);
  return pieces;
}
