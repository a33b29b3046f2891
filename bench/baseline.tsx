// The benchmark's baseline: a bare node:http2 server that renders the same page component with
// renderToString and nothing else (no Express, no streaming, no compression, no headers). Its site,
// build and page props come from the same composition root and props builder as the real server's.
import fs from 'node:fs';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { renderToString } from 'react-dom/server';
import { IslandRoot } from '../shared/components/IslandRoot';
import { Layout } from '../shared/components/Layout';
import { LessonView } from '../shared/components/LessonView';
import { FeedStore } from '../shared/feed/store';
import { alternatesOf, type Locale } from '../shared/locale';
import { EMPTY_WIRE, type WireState } from '../shared/feed/state';
import { configFromEnv } from '../server/config';
import { createLogger } from '../server/logger';
import { loadPageProps } from '../server/page-props';
import { PROJECT_ROOT } from '../server/paths';
import { loadTlsMaterial } from '../server/tls';
import { createWirebook } from '../server/wirebook';

async function main() {
  const [slug, locale] = [process.env.BENCH_SLUG ?? 'architecture', (process.env.BENCH_LOCALE ?? 'en') as Locale];
  const config = configFromEnv(process.env, PROJECT_ROOT);
  const tls = await loadTlsMaterial(config);
  const { site, build } = createWirebook({ config, tls, logger: createLogger('silent') });
  const page = site.find(slug);
  if (!page) throw new Error(`no page ${slug}`);
  // The live wire as the real server embedded it, so both render the same tree.
  const wire = process.env.BENCH_WIRE_FILE
    ? (JSON.parse(fs.readFileSync(process.env.BENCH_WIRE_FILE, 'utf8')) as WireState)
    : EMPTY_WIRE;
  // The labs as the real server states them when started by bench/processes.ts (H1_PORT=off).
  const labs = { h1Port: null, tileDelayMs: config.tileDelayMs };
  const { props } = await loadPageProps({ site, build, publicOrigin: config.publicOrigin, labs }, page, locale);
  // The whole page as one React tree, every widget in it: what a server without a static shell renders per request.
  const widgetOf = (name: string) => page.islands[name]?.component ?? page.definition.widgets?.[name];
  const tree = () => (
    <Layout
      locale={locale}
      currentSlug={slug}
      nav={site.nav(locale)}
      alternates={alternatesOf(locale, slug)}
      searchIndex={build.searchIndex(locale)}
    >
      <LessonView
        lesson={page.lessons[locale]}
        locale={locale}
        origin={config.publicOrigin}
        wayfinding={site.wayfinding(page, locale)}
        lessonCount={site.nav(locale).length}
        renderWidget={(name) => {
          const Widget = widgetOf(name);
          return (
            <div className="widget" data-widget={name}>
              <IslandRoot store={new FeedStore(wire, slug)}>{Widget && <Widget {...props} />}</IslandRoot>
            </div>
          );
        }}
      />
    </Layout>
  );
  const server = http2.createSecureServer({ cert: tls.cert, key: tls.key, allowHTTP1: true }, (_req, res) => {
    const html = `<!DOCTYPE html><html><head><title>${page.lessons[locale].meta.title}</title></head><body><div id="root">${renderToString(tree())}</div></body></html>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () =>
    process.stdout.write(`baseline ready on ${(server.address() as AddressInfo).port}\n`),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
