// The benchmark's baseline: a bare node:http2 server that renders the same page component with
// renderToString and nothing else (no Express, no streaming, no compression, no headers).
import fs from 'node:fs';
import http2 from 'node:http2';
import { renderToString } from 'react-dom/server';
import { PageApp } from '../shared/components/PageApp';
import { alternatesOf, type Locale } from '../shared/locale';
import type { PageProps } from '../shared/page';
import { EMPTY_WIRE, type WireState } from '../shared/feed/state';
import { loadClientBuild } from '../server/client-build';
import { CLIENT_BUILD_DIR, PAGES_CODE_DIR, PAGES_DIR } from '../server/paths';
import { loadSite } from '../server/site';
import { loadTlsMaterial } from '../server/tls';
import { configFromEnv } from '../server/config';
import { PROJECT_ROOT } from '../server/paths';

async function main() {
  const [slug, locale] = [process.env.BENCH_SLUG ?? 'architecture', (process.env.BENCH_LOCALE ?? 'en') as Locale];
  const site = loadSite({ pagesDir: PAGES_DIR, pagesCodeDir: PAGES_CODE_DIR });
  const page = site.find(slug);
  if (!page) throw new Error(`no page ${slug}`);
  const build = loadClientBuild(CLIENT_BUILD_DIR);
  const assets = build.assetsOf(page.entries[locale]);
  const data = page.definition.load
    ? await page.definition.load({
        locale,
        assets,
        key: null,
        children: [],
        labs: { h1Port: null, tileDelayMs: 0 },
        origin: '',
      })
    : null;
  const props: PageProps = {
    locale,
    slug,
    lesson: page.lessons[locale],
    nav: site.nav(locale),
    alternates: alternatesOf(locale, slug),
    data,
    // The live wire as the real server embedded it, so both render the same tree.
    wire: process.env.BENCH_WIRE_FILE
      ? (JSON.parse(fs.readFileSync(process.env.BENCH_WIRE_FILE, 'utf8')) as WireState)
      : EMPTY_WIRE,
  };
  const tls = await loadTlsMaterial(configFromEnv(process.env, PROJECT_ROOT));
  const server = http2.createSecureServer({ cert: tls.cert, key: tls.key }, (_req, res) => {
    const html = `<!DOCTYPE html><html><head><title>${page.lessons[locale].meta.title}</title></head><body><div id="root">${renderToString(<PageApp page={page.definition} props={props} />)}</div></body></html>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('baseline ready\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
