import { performance } from 'node:perf_hooks';
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';
import type { Request, Response } from 'express';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { PageApp } from '../shared/components/PageApp';
import { CHANNELS } from '../shared/feed/protocol';
import { pagePath, type Locale } from '../shared/locale';
import { EMBEDDED_STATE_ID, ROOT_ID, type EmbeddedState } from '../shared/page';
import { serializeForScript } from '../shared/safe-json';
import { BatchingSink } from './batching-sink';
import { documentStart, type DocumentHead } from './document';
import { preferredEncoding, type ContentCoding } from './encoding';
import type { LiveWire } from './feed/live-wire';
import type { Logger } from './logger';
import { loadPageProps, type PagePropsSources } from './page-props';
import type { SitePage } from './site';

export interface RenderContext extends PagePropsSources {
  wire: LiveWire;
  /** A shell not ready by then is replaced by a client-rendered shell; a stream still open is cut short. */
  deadlineMs: number;
  logger: Logger;
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
function openBody(req: Request, res: Response): Writable {
  const encoding = pageHeaders(req, res);
  if (!encoding) return res;
  // Fast settings: the HTML is streamed, and the first bytes matter more than the last percent.
  const compressor =
    encoding === 'br'
      ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })
      : zlib.createGzip({ level: 6 });
  compressor.pipe(res);
  return compressor;
}

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

function stateScript(state: EmbeddedState): string {
  return `<script type="application/json" id="${EMBEDDED_STATE_ID}">${serializeForScript(state)}</script>`;
}

/**
 * Renders one page to the response: Early Hints for its assets, then the document streamed from
 * React as soon as the shell is ready (crawlers wait for the whole document), compressed on the way
 * out. A render that throws or misses the deadline degrades to the page's shell, rendered in the
 * browser instead: still 200, still the page's head, logged.
 */
export async function renderPage(
  req: Request,
  res: Response,
  page: SitePage,
  locale: Locale,
  ctx: RenderContext,
): Promise<void> {
  if (req.method === 'HEAD') {
    pageHeaders(req, res);
    res.status(200).end();
    return;
  }
  const started = performance.now();
  const wire = ctx.wire.pageState(req, page.slug, page.definition.channels ?? [...CHANNELS]);
  const { props, assets } = await loadPageProps(ctx, page, locale, wire);
  const loadMs = performance.now() - started;
  const { lesson, slug } = props;
  const { lesson: _omit, ...withoutLesson } = props;
  // A child page's bundle serves many lessons: its own travels in the state.
  const embedded = page.key === null ? withoutLesson : { ...withoutLesson, lesson };
  const styles = assets.filter((a) => a.kind === 'style').map((a) => a.url);
  const scripts = assets.filter((a) => a.kind === 'script').map((a) => a.url);
  const head: DocumentHead = {
    locale,
    title: slug === '' ? lesson.meta.title : `${lesson.meta.title} · Wirebook`,
    description: lesson.meta.description,
    slug,
    publicOrigin: ctx.publicOrigin,
    styles,
    scripts,
    jsonLd: jsonLdFor(page, locale, ctx.publicOrigin + pagePath(locale, slug)),
    nonce: res.locals.nonce as string,
  };

  // Hints only over HTTP/2: some HTTP/1.1 clients mishandle interim responses (RFC 8297 §3).
  if (req.httpVersionMajor === 2 && assets.length > 0) {
    res.writeEarlyHints({
      link: [
        ...styles.map((href) => `<${href}>; rel=preload; as=style`),
        ...scripts.map((href) => `<${href}>; rel=preload; as=script`),
      ],
    });
  }

  const waitForAll = isbot(req.get('user-agent') ?? '');
  await new Promise<void>((resolve) => {
    let settled = false;
    const sendFallback = (reason: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      ctx.logger.error({ err: reason, page: page.slug, locale }, 'render failed; sent the client-rendered shell');
      res.status(200).set('Server-Timing', `load;dur=${loadMs.toFixed(1)}, render;desc="fallback"`);
      const body = openBody(req, res);
      body.end(
        `${documentStart(head)}<div id="${ROOT_ID}"></div>\n${stateScript({ ...embedded, mode: 'render' })}\n</body>\n</html>\n`,
      );
      resolve();
    };
    const startStream = () => {
      if (settled) return;
      settled = true;
      const renderMs = performance.now() - started - loadMs;
      res.status(200).set('Server-Timing', `load;dur=${loadMs.toFixed(1)}, render;dur=${renderMs.toFixed(1)}`);
      const body = openBody(req, res);
      body.write(`${documentStart(head)}<div id="${ROOT_ID}">`);
      const tail = `</div>\n${stateScript({ ...embedded, mode: 'hydrate' })}\n</body>\n</html>\n`;
      const sink = new BatchingSink(
        (chunk) => {
          body.write(chunk);
          // Keeps compression streaming: the compressor emits what it has for this batch.
          (body as Partial<zlib.Zlib>).flush?.();
        },
        (last) => {
          clearTimeout(deadline);
          body.end(Buffer.concat([last, Buffer.from(tail)]));
        },
      );
      stream.pipe(sink);
      resolve();
    };
    const stream = renderToPipeableStream(<PageApp page={page.definition} props={props} />, {
      // The inline scripts React streams to reveal late Suspense boundaries must pass the CSP.
      nonce: head.nonce,
      onShellReady: () => {
        if (!waitForAll) startStream();
      },
      onAllReady: () => {
        if (waitForAll) startStream();
      },
      onShellError: sendFallback,
      onError: (error) => {
        ctx.logger.warn({ err: error, page: page.slug, locale }, 'error inside a suspense boundary during render');
      },
    });
    const deadline = setTimeout(() => {
      if (!settled) sendFallback(new Error(`render exceeded the ${ctx.deadlineMs} ms deadline`));
      // Whatever is still pending is left for the browser to render.
      stream.abort();
    }, ctx.deadlineMs);
    res.on('close', () => {
      clearTimeout(deadline);
      stream.abort();
    });
  });
}
