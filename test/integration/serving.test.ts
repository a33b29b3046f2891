import fs from 'node:fs';
import http2 from 'node:http2';
import zlib from 'node:zlib';
import { LOCALES, pagePath } from '../../shared/locale';
import { CLIENT_BUILD_DIR, PAGES_CODE_DIR, PAGES_DIR } from '../../server/paths';
import { loadClientBuild } from '../../server/client-build';
import { loadSite } from '../../server/site';
import { client, PROTOCOLS } from '../helpers/clients';
import { h1Request, h2Request, startTestServer, type TestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait';

const site = loadSite({ pagesDir: PAGES_DIR, pagesCodeDir: PAGES_CODE_DIR });
const build = loadClientBuild(CLIENT_BUILD_DIR);
const reactScript = [...build.files.keys()].find((url) => /\/react\.[0-9a-f]+\.js$/.test(url)) as string;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe.each(PROTOCOLS)('over %s', (protocol) => {
  const http = () => client(server, protocol);

  describe('hashed assets', () => {
    it('are cached immutably, with a strong ETag, and revalidate to 304', async () => {
      const res = await http().get(reactScript).set('Accept-Encoding', 'identity').expect(200);
      expect(res.headers).toMatchObject({
        'cache-control': 'public, max-age=31536000, immutable',
        'content-type': 'text/javascript; charset=utf-8',
        vary: 'Accept-Encoding',
      });
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(Number(res.headers['content-length'])).toBe(build.files.get(reactScript)?.size);
      await http()
        .get(reactScript)
        .set('Accept-Encoding', 'identity')
        .set('If-None-Match', `"x", W/${res.headers.etag}`)
        .expect(304);
    });

    it('give each content coding its own ETag', async () => {
      const etags = await Promise.all(
        ['identity', 'gzip', 'br'].map(
          async (coding) => (await http().get(reactScript).set('Accept-Encoding', coding).expect(200)).headers.etag,
        ),
      );
      expect(new Set(etags).size).toBe(3);
      await http().get(reactScript).set('Accept-Encoding', 'gzip').set('If-None-Match', etags[2]!).expect(200);
    });

    it.each([
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['gzip, deflate, br', 'br'],
      ['br;q=0, gzip', 'gzip'],
    ])('are sent precompressed for Accept-Encoding %p as %s', async (accept, encoding) => {
      const res = await http()
        .get(reactScript)
        .set('Accept-Encoding', accept)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      const file = build.files.get(reactScript);
      expect(Number(res.headers['content-length'])).toBe(encoding === 'br' ? file?.br?.size : file?.gzip?.size);
    });

    it('answer HEAD with the header fields GET sends', async () => {
      const head = await http().head(reactScript).set('Accept-Encoding', 'br').expect(200);
      const get = await http().get(reactScript).set('Accept-Encoding', 'br').expect(200);
      for (const name of ['content-type', 'content-length', 'content-encoding', 'etag', 'cache-control', 'vary']) {
        expect([name, head.headers[name]]).toEqual([name, get.headers[name]]);
      }
    });

    it('are 404 when the build has no such file', async () => {
      await http().get('/assets/vendor.0000000000.js').expect(404);
    });

    it('refuse other methods with 405 and Allow', async () => {
      const res = await http().post(reactScript).expect(405);
      expect(res.headers.allow).toBe('GET, HEAD');
    });
  });

  describe('HTML', () => {
    // Pages are gzip, never br: their static parts are kept deflated and joined with what is rendered now.
    it.each([
      ['gzip', 'gzip'],
      ['gzip, deflate, br, zstd', 'gzip'],
      ['br', undefined],
      ['gzip;q=0, br', undefined],
    ])('for Accept-Encoding %p is sent with Content-Encoding %p', async (accepted, coding) => {
      const res = await http().get('/architecture').set('Accept-Encoding', accepted).expect(200);
      expect(res.headers['content-encoding']).toBe(coding);
      expect(res.headers.vary).toBe('Accept-Encoding');
      expect(res.text).toContain('</html>');
    });

    it('answers HEAD with the header fields GET sends, without minting a view token', async () => {
      const tokensBefore = server.wire.tokens.size;
      const [head, get] = [
        await http().head('/en/architecture').set('Accept-Encoding', 'br').expect(200),
        await http().get('/en/architecture').set('Accept-Encoding', 'br').expect(200),
      ];
      for (const name of [
        'content-type',
        'cache-control',
        'vary',
        'content-encoding',
        'strict-transport-security',
        'x-content-type-options',
      ]) {
        expect([name, head.headers[name]]).toEqual([name, get.headers[name]]);
      }
      expect(server.wire.tokens.size).toBe(tokensBefore + 1);
    });

    it('logs the body bytes it sent, once', async () => {
      const path = `/en/architecture?bytes-${protocol}`;
      const res = await http().get(path).set('Accept-Encoding', 'identity').expect(200);
      let line: Record<string, unknown> | undefined;
      await waitFor('the request’s log line', () => Boolean((line = server.logs.find((entry) => entry.path === path))));
      expect(line).toMatchObject({ protocol, status: 200, bytes: Buffer.byteLength(res.text) });
    });

    it('answers OPTIONS with 204 and Allow', async () => {
      const res = await http().options('/architecture').expect(204);
      expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    });

    it('refuses POST and DELETE with 405 and Allow', async () => {
      for (const send of [http().post('/en'), http().delete('/architecture')]) {
        const res = await send.expect(405);
        expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
        expect(res.text).toMatch(/^Method not allowed: (POST|DELETE)\./);
      }
    });
  });

  describe('site files', () => {
    it('serves sitemap.xml with every page in both locales and its hreflang alternates', async () => {
      const res = await http()
        .get('/sitemap.xml')
        .expect(200)
        .expect('Content-Type', /application\/xml/);
      const xml = res.text;
      for (const page of site.all) {
        for (const locale of LOCALES) {
          expect(xml).toContain(`<loc>https://wirebook.test${pagePath(locale, page.slug)}</loc>`);
          expect(xml).toContain(
            `hreflang="${locale === 'zh' ? 'zh-CN' : 'en'}" href="https://wirebook.test${pagePath(locale, page.slug)}"`,
          );
        }
      }
      expect(xml.match(/<url>/g)).toHaveLength(site.all.length * LOCALES.length);
    });

    it('serves robots.txt pointing at the sitemap', async () => {
      const res = await http().get('/robots.txt').expect(200);
      expect(res.text).toContain('Sitemap: https://wirebook.test/sitemap.xml');
    });

    it('serves /healthz', async () => {
      const res = await http().get('/healthz').expect(200);
      expect(res.body).toEqual({
        status: 'ok',
        load: { shedding: false, lagMs: expect.any(Number), pagesShed: 0 },
        shellBytes: expect.any(Number),
      });
    });

    it('serves the icon', async () => {
      await http()
        .get('/favicon.svg')
        .expect(200)
        .expect('Content-Type', /image\/svg\+xml/);
    });
  });

  describe('addresses', () => {
    it.each([
      ['/architecture/', '/architecture'],
      ['/en/', '/en'],
      ['/en/architecture/?ref=x', '/en/architecture?ref=x'],
      ['//evil.example/', '/evil.example'],
      ['/\\evil.example/', '/evil.example'],
    ])('normalises %s to %s with a permanent redirect', async (from, to) => {
      const res = await http().get(from).expect(301);
      expect(res.headers.location).toBe(to);
    });

    it.each([
      ['/no-such-page', 'zh-CN', '页面不存在'],
      ['/en/no-such-page', 'en', 'Page not found'],
      ['/zh/architecture', 'zh-CN', '页面不存在'],
      ['/fr/architecture', 'zh-CN', '页面不存在'],
      ['/architecture/extra', 'zh-CN', '页面不存在'],
    ])('answers %s with the 404 page in its locale', async (path, lang, heading) => {
      const res = await http()
        .get(path)
        .expect(404)
        .expect('Content-Type', /text\/html/);
      expect(res.text).toContain(`<html lang="${lang}">`);
      expect(res.text).toContain(heading);
      expect(res.text).toContain('<meta name="robots" content="noindex">');
      for (const entry of site.nav(lang === 'en' ? 'en' : 'zh')) expect(res.text).toContain(`href="${entry.href}"`);
    });
  });

  describe('bad input', () => {
    it('answers malformed percent-encoding with 400', async () => {
      const res = await http().get('/%E0%A4%A').expect(400);
      expect(res.text).toBe('Bad request: malformed percent-encoding in the path\n');
    });

    it('answers an encoded NUL with 400', async () => {
      await http().get('/architecture%00').expect(400);
    });

    it('does not let an encoded traversal out of /assets', async () => {
      await http().get('/assets/%2e%2e/server/app.ts').expect(404);
      await http().get('/assets/..%2fpackage.json').expect(404);
    });
  });
});

describe('over HTTP/1.1 only', () => {
  it('ignores an Upgrade it does not speak and serves the page (RFC 9110 §7.8)', async () => {
    const res = await h1Request(server, '/en/architecture', {
      Host: 'localhost',
      Connection: 'Upgrade',
      Upgrade: 'h2c',
    });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain('</html>');
  });

  it('folds a raw backslash, which browsers read as a slash, so a redirect cannot leave the origin', async () => {
    const res = await h1Request(server, '/\\evil.example/', { Host: 'localhost' });
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/evil.example');
  });

  it.each(['bad host!', 'under_score.example', 'a.example:99999x'])(
    'answers the invalid Host %p with 400',
    async (host) => {
      const res = await h1Request(server, '/', { Host: host });
      expect(res.status).toBe(400);
      expect(res.body.toString()).toBe('Bad request: missing or invalid Host\n');
    },
  );

  it('answers oversized headers with 431', async () => {
    await client(server, 'http/1.1').get('/').set('X-Big', 'a'.repeat(20_000)).expect(431);
  });

  it('sends no Early Hints (some HTTP/1.1 clients mishandle 1xx)', async () => {
    const res = await h1Request(server, '/architecture', { Host: 'localhost' });
    expect(res.status).toBe(200);
    expect(res.informational).toEqual([]);
  });
});

describe('aborted downloads', () => {
  const openFiles = () => fs.readdirSync('/proc/self/fd').length;
  const [[biggest]] = [...build.files.entries()].sort((a, b) => b[1].size - a[1].size) as [[string, unknown]];

  it('close the file they were reading (h2 RST_STREAM)', async () => {
    const before = openFiles();
    for (let i = 0; i < 20; i++) {
      const session = http2.connect(server.origin, { ca: server.cert });
      const stream = session.request({ ':path': biggest, 'accept-encoding': 'identity' });
      await new Promise((resolve) => stream.once('response', resolve));
      stream.close(http2.constants.NGHTTP2_CANCEL);
      session.close();
    }
    // The files close as the server sees the resets; a leak would leave them open past the wait.
    await waitFor('the aborted downloads to close their files', () => openFiles() <= before + 2);
  });
});

describe('over h2 only (raw frames)', () => {
  it('sends 103 Early Hints with the page’s assets before the 200', async () => {
    const res = await h2Request(server, { ':path': '/en/architecture' });
    expect(res.status).toBe(200);
    expect(res.informational).toHaveLength(1);
    expect(res.informational[0]?.[':status']).toBe(103);
    const link = String(res.informational[0]?.link);
    const entry = build.manifest.entries['architecture'];
    expect(entry?.js.length).toBeGreaterThan(0);
    expect(entry?.css.length).toBeGreaterThan(0);
    for (const url of entry?.js ?? []) expect(link).toContain(`<${url}>; rel=preload; as=script`);
    for (const url of entry?.css ?? []) expect(link).toContain(`<${url}>; rel=preload; as=style`);
  });

  it('does not let a raw ../ path reach the disk', async () => {
    const res = await h2Request(server, { ':path': '/assets/../server/app.ts' });
    expect(res.status).toBe(404);
  });

  it('answers an :authority that is no host name with 400', async () => {
    const res = await h2Request(server, { ':path': '/', ':authority': 'under_score.example' });
    expect(res.status).toBe(400);
  });

  it('resets a stream whose :authority is malformed (RFC 9113 §8.1.1), and stays up', async () => {
    await expect(h2Request(server, { ':path': '/', ':authority': 'bad host!' })).rejects.toThrow(
      /NGHTTP2_PROTOCOL_ERROR/,
    );
    expect((await h2Request(server, { ':path': '/healthz' })).status).toBe(200);
  });

  it('answers headers over 16 KiB with 431, as HTTP/1.1 does', async () => {
    const res = await h2Request(server, { ':path': '/', 'x-big': 'a'.repeat(20_000) });
    expect(res.status).toBe(431);
  });

  it('refuses a header list over the advertised SETTINGS_MAX_HEADER_LIST_SIZE, and stays up', async () => {
    await expect(h2Request(server, { ':path': '/', 'x-big': 'a'.repeat(70_000) })).rejects.toThrow(
      /NGHTTP2_REFUSED_STREAM/,
    );
    expect((await h2Request(server, { ':path': '/healthz' })).status).toBe(200);
  });

  it('sends gzip HTML that decodes, its checksum and length verified, to a whole document', async () => {
    const gzip = await h2Request(server, { ':path': '/architecture', 'accept-encoding': 'gzip, br' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    // gunzip checks the trailer's CRC-32 and length against what it inflated.
    const html = zlib.gunzipSync(gzip.body).toString('utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    const state = /<script type="application\/json" id="wirebook-state">(.*?)<\/script>/.exec(html)?.[1];
    expect(JSON.parse(state as string)).toMatchObject({ slug: 'architecture', locale: 'zh' });
    expect(gzip.body.length).toBeLessThan(Buffer.byteLength(html) / 2);
  });
});
