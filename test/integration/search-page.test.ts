import { client, PROTOCOLS } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe.each(PROTOCOLS)('the search results page over %s', (protocol) => {
  it('lists the hits for a query, in Chinese at /search', async () => {
    const res = await client(server, protocol)
      .get(`/search?q=${encodeURIComponent('找不到')}`)
      .expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toMatch(/<ol class="search-results"><li data-kind="code"><a href="\/http-status\/404">/);
    // The box in the header holds the query, so the reader can change it.
    expect(res.text).toContain('value="找不到"');
    expect(res.text).toContain('<meta name="robots" content="noindex">');
    expect(res.text).not.toContain('<script defer');
  });

  it('lists the hits in English at /en/search, a section hit linking to its section', async () => {
    const res = await client(server, protocol).get('/en/search?q=rate+limit').expect(200);
    expect(res.text).toMatch(/<ol class="search-results"><li data-kind="code"><a href="\/en\/http-status\/429">/);
    const sections = await client(server, protocol).get('/en/search?q=simultaneous+close').expect(200);
    expect(sections.text).toContain('href="/en/tcp-teardown#simultaneous-close"');
  });

  it('says when nothing matches, and what to type when nothing was asked', async () => {
    const none = await client(server, protocol).get('/en/search?q=qqqzzzxxx').expect(200);
    expect(none.text).toContain('No results');
    const empty = await client(server, protocol).get('/en/search').expect(200);
    expect(empty.text).toContain('Type what you are looking for');
  });

  it('refuses a query that is too long or not one string, with 400 and a page that says why', async () => {
    const long = await client(server, protocol)
      .get(`/en/search?q=${'a'.repeat(201)}`)
      .expect(400);
    expect(long.text).toContain('at most 200 characters');
    await client(server, protocol).get('/en/search?q=a&q=b').expect(400);
    await client(server, protocol).get('/en/search?q[x]=a').expect(400);
  });

  it('answers only GET and HEAD', async () => {
    const res = await client(server, protocol).post('/search').expect(405);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it('serves each locale’s index as an immutable asset, Brotli-compressed', async () => {
    const page = await client(server, protocol).get('/en').expect(200);
    expect(page.text).toMatch(/<form class="site-search" role="search" [^>]*action="\/en\/search" method="get">/);
    const url = /<form class="site-search"[^>]* data-index="([^"]+)"/.exec(page.text)?.[1];
    expect(url).toMatch(/^\/assets\/search-en\.[0-9a-f]{10}\.json$/);
    const index = await client(server, protocol)
      .get(url as string)
      .set('Accept-Encoding', 'br')
      .buffer(true)
      .parse((res, done) => {
        res.on('data', () => undefined);
        res.on('end', () => done(null, null));
      })
      .expect(200);
    expect(index.headers['content-encoding']).toBe('br');
    expect(index.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
