import fs from 'node:fs';
import path from 'node:path';
import { pageEntries } from '../../webpack.config';
import { EMBEDDED_STATE_ID } from '../../shared/page';
import { client } from '../helpers/clients';
import { lessonSource, makePagesDir, removePagesDirs } from '../helpers/page-fixtures';
import { startTestServer, type TestServer } from '../helpers/test-server';

afterAll(removePagesDirs);
const plainPage = (order: number, widgets = '{}') =>
  `export default { order: ${order}, inNav: true, widgets: ${widgets} };\n`;

describe('adding a folder under pages/', () => {
  const pagesDir = makePagesDir(
    {
      'new-topic': {
        module: plainPage(50),
        zh: lessonSource('新主题', '新主题的导语。\n\n## 第一节 {#first}\n正文。'),
        en: lessonSource('New topic', 'The new topic’s lead.\n\n## First {#first}\nBody.'),
      },
    },
    { withRealPages: true },
  );
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ pagesDir });
  });
  afterAll(() => server.close());

  it('adds its routes in both locales', async () => {
    const zh = await client(server, 'h2').get('/new-topic').expect(200);
    expect(zh.text).toContain('<h1 class="lesson__title">新主题</h1>');
    const en = await client(server, 'h2').get('/en/new-topic').expect(200);
    expect(en.text).toContain('The new topic’s lead.');
  });

  it('adds it to the navigation of every page', async () => {
    const res = await client(server, 'h2').get('/en/architecture').expect(200);
    expect(res.text).toMatch(/<nav class="site-nav"[^>]*>.*<a href="\/en\/new-topic">New topic<\/a>/s);
  });

  it('adds it to the sitemap', async () => {
    const res = await client(server, 'h2').get('/sitemap.xml').expect(200);
    expect(res.text).toContain('<loc>https://wirebook.test/new-topic</loc>');
    expect(res.text).toContain('<loc>https://wirebook.test/en/new-topic</loc>');
  });

  it('adds a webpack entry per locale that boots the page with its prose', () => {
    const entriesDir = path.join(pagesDir, '..', `${path.basename(pagesDir)}-entries`);
    const entries = pageEntries(pagesDir, entriesDir);
    expect(Object.keys(entries)).toEqual(
      expect.arrayContaining(['new-topic.zh', 'new-topic.en', 'home.zh', 'architecture.en']),
    );
    const source = fs.readFileSync(entries['new-topic.en'], 'utf8');
    expect(source).toContain(`new-topic/page`);
    expect(source).toContain(`new-topic/content.en.md`);
    expect(source).toContain('bootPage(page, lesson);');
  });
});

describe('a page with a part that arrives late', () => {
  // A widget inside a Suspense boundary that resolves after 150 ms, with React from the project.
  const react = JSON.stringify(require.resolve('react'));
  const module = `const React = require(${react});
let ready = false;
const promise = new Promise((resolve) => setTimeout(() => { ready = true; resolve(); }, 150));
function Late() { if (!ready) throw promise; return React.createElement('p', { id: 'late' }, 'arrived late'); }
export default { order: 1, inNav: true, widgets: { late: () => React.createElement(React.Suspense, { fallback: React.createElement('p', { id: 'waiting' }, 'waiting') }, React.createElement(Late)) } };
`;
  const pagesDir = makePagesDir({
    home: { module: plainPage(0), zh: lessonSource('首页', '导语。'), en: lessonSource('Home', 'Lead.') },
    late: {
      module,
      zh: lessonSource('迟到', '## 一 {#one}\n<!-- widget: late -->\n'),
      en: lessonSource('Late', '## One {#one}\n<!-- widget: late -->\n'),
    },
  });
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ pagesDir });
  });
  afterAll(() => server.close());

  it('streams the shell to a browser first, then the late part with a nonced script that reveals it', async () => {
    const res = await client(server, 'h2')
      .get('/en/late')
      .set('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0')
      .expect(200);
    const nonce = /script-src 'nonce-([^']+)'/.exec(res.headers['content-security-policy'])?.[1];
    expect(res.text).toContain('<p id="waiting">waiting</p>');
    expect(res.text).toContain('arrived late');
    const inline = [...res.text.matchAll(/<script(?: [^>]*)?>/g)]
      .map((m) => m[0])
      .filter((tag) => !tag.includes('src=') && !tag.includes('type="application/'));
    expect(inline.length).toBeGreaterThan(0);
    for (const tag of inline) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it('gives a crawler the complete document, with no fallback to swap', async () => {
    const res = await client(server, 'h2')
      .get('/en/late')
      .set('User-Agent', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)')
      .expect(200);
    expect(res.text).toContain('<p id="late">arrived late</p>');
    expect(res.text).not.toContain('waiting');
  });
});

describe('a render that fails', () => {
  const pagesDir = makePagesDir({
    home: { module: plainPage(0), zh: lessonSource('首页', '导语。'), en: lessonSource('Home', 'Lead.') },
    throws: {
      module: plainPage(1, `{ boom: () => { throw new Error('render exploded'); } }`),
      zh: lessonSource('会出错', '## 一 {#one}\n<!-- widget: boom -->\n'),
      en: lessonSource('Throws', '## One {#one}\n<!-- widget: boom -->\n'),
    },
    slow: {
      // Suspends with no boundary above it, so the shell is never ready: only the deadline ends it.
      module: plainPage(2, `{ wait: () => { throw new Promise(() => {}); } }`),
      zh: lessonSource('很慢', '## 一 {#one}\n<!-- widget: wait -->\n'),
      en: lessonSource('Slow', '## One {#one}\n<!-- widget: wait -->\n'),
    },
  });
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ pagesDir, renderDeadlineMs: 300 });
  });
  afterAll(() => server.close());

  const expectClientRenderedShell = (html: string) => {
    expect(html).toContain('<div id="root"></div>');
    const state = new RegExp(`<script type="application/json" id="${EMBEDDED_STATE_ID}">(.*?)</script>`).exec(
      html,
    )?.[1];
    expect(JSON.parse(state as string)).toMatchObject({ mode: 'render' });
    expect(html).not.toContain('render exploded');
  };

  it.each(['http/1.1', 'h2'] as const)(
    'degrades to a client-rendered shell with 200 when it throws (%s)',
    async (protocol) => {
      const res = await client(server, protocol).get('/en/throws').expect(200);
      expect(res.text).toContain('<title>Throws · Wirebook</title>');
      expectClientRenderedShell(res.text);
      expect(server.logs).toContainEqual(
        expect.objectContaining({ msg: 'render failed; sent the client-rendered shell', page: 'throws', locale: 'en' }),
      );
    },
  );

  it.each(['http/1.1', 'h2'] as const)(
    'degrades to a client-rendered shell with 200 past the deadline (%s)',
    async (protocol) => {
      const started = Date.now();
      const res = await client(server, protocol).get('/slow').expect(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expectClientRenderedShell(res.text);
      expect(res.headers['server-timing']).toContain('render;desc="fallback"');
      expect(server.logs).toContainEqual(
        expect.objectContaining({
          msg: 'render failed; sent the client-rendered shell',
          page: 'slow',
          err: expect.objectContaining({ message: 'render exceeded the 300 ms deadline' }),
        }),
      );
    },
  );
});
