import { STATUS_CODES } from '../../shared/http-status/registry';
import { LOCALES, pagePath } from '../../shared/locale';
import { client } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the status code pages', () => {
  it('gives every registered code a page in both locales, listed in the sitemap', async () => {
    const sitemap = (await client(server, 'h2').get('/sitemap.xml').expect(200)).text;
    for (const { code } of STATUS_CODES) {
      for (const locale of LOCALES)
        expect(sitemap).toContain(`<loc>https://wirebook.test${pagePath(locale, `http-status/${code}`)}</loc>`);
    }
  });

  it('lists every code on the index, grouped by class, without JavaScript', async () => {
    const html = (await client(server, 'h2').get('/en/http-status').expect(200)).text;
    for (const { code } of STATUS_CODES)
      expect(html).toContain(`<a href="/en/http-status/${code}"><code class="status-index__code">${code}</code>`);
    expect(html.indexOf('1xx Informational')).toBeLessThan(html.indexOf('5xx Server error'));
  });

  it('titles a code page with the code and its registry name, and shows its facts and lab', async () => {
    const html = (await client(server, 'h2').get('/en/http-status/308').expect(200)).text;
    expect(html).toContain('<title>HTTP 308 Permanent Redirect · Wirebook</title>');
    expect(html).toContain('href="https://www.rfc-editor.org/rfc/rfc9110.html#section-15.4.9"');
    expect(html).toContain('<a href="/lab/status/308">/lab/status/308</a>');
  });

  it.each([
    ['/http-status/299', ['/http-status/300', '/http-status/301', '/http-status/302']],
    ['/http-status/250', ['/http-status/226', '/http-status/208', '/http-status/207']],
    ['/en/http-status/abc', ['/en/http-status/200', '/en/http-status/404', '/en/http-status/500']],
    ['/en/http-status/gone', ['/en/http-status/410']],
  ])('answers %s with the 404 page and the nearest real codes', async (path, nearest) => {
    const res = await client(server, 'h2').get(path).expect(404);
    const offered = /<ul class="[^"]*not-found__nearby[^"]*"[^>]*>(.*?)<\/ul>/s.exec(res.text)?.[1] ?? '';
    expect([...offered.matchAll(/href="([^"]+)"/g)].map((m) => m[1])).toEqual(nearest);
  });

  it('answers a path below a code page with a plain 404', async () => {
    const res = await client(server, 'h2').get('/http-status/404/more').expect(404);
    expect(res.text).not.toContain('not-found__nearby');
  });
});
