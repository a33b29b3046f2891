import fs from 'node:fs';
import path from 'node:path';
import { pageEntries } from '../../webpack.config';
import { EMBEDDED_STATE_ID } from '../../shared/page';
import { client } from '../helpers/clients';
import { lessonSource, makePagesDir, removePagesDirs } from '../helpers/page-fixtures';
import { startTestServer, type TestServer } from '../helpers/test-server';

afterAll(removePagesDirs);
/** A script element that is not the page's JSON-LD: code. */
const NO_DATA_SCRIPT = /<script(?! type="application\/ld\+json")/;
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

  it('adds a webpack entry: its styles, and its islands when it has any', () => {
    const entriesDir = path.join(pagesDir, '..', `${path.basename(pagesDir)}-entries`);
    const entries = pageEntries(pagesDir, entriesDir);
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['new-topic', 'home', 'architecture']));
    const plain = fs.readFileSync(entries['new-topic'] as string, 'utf8');
    expect(plain).toContain('shared/styles/base.css');
    expect(plain).not.toContain('bootIslands');
    const withIslands = fs.readFileSync(entries['architecture'] as string, 'utf8');
    expect(withIslands).toContain('architecture/islands');
    expect(withIslands).toContain('bootIslands(islands);');
  });

  it('ships no script for a page without islands', async () => {
    const res = await client(server, 'h2').get('/en/new-topic').expect(200);
    expect(res.text).not.toMatch(NO_DATA_SCRIPT);
  });
});

// React from the project: a temporary folder cannot resolve it by name.
const REACT = `const React = require(${JSON.stringify(require.resolve('react'))});`;
const ONE_WIDGET = (name: string) => ({
  zh: lessonSource('部件', `导语。\n\n## 一 {#one}\n<!-- widget: ${name} -->\n`),
  en: lessonSource('Widget', `Lead.\n\n## One {#one}\n<!-- widget: ${name} -->\n`),
});
const HOME = { module: plainPage(0), zh: lessonSource('首页', '导语。'), en: lessonSource('Home', 'Lead.') };

describe('a static part that arrives late', () => {
  // A widget of the static shell that suspends for 150 ms.
  const module = `${REACT}
let ready = false;
const promise = new Promise((resolve) => setTimeout(() => { ready = true; resolve(); }, 150));
function Late() { if (!ready) throw promise; return React.createElement('p', { id: 'late' }, 'arrived late'); }
export default { order: 1, inNav: true, widgets: { late: () => React.createElement(React.Suspense, { fallback: React.createElement('p', { id: 'waiting' }, 'waiting') }, React.createElement(Late)) } };
`;
  const pagesDir = makePagesDir({ home: HOME, late: { module, ...ONE_WIDGET('late') } });
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ pagesDir });
  });
  afterAll(() => server.close());

  it.each([
    ['a browser', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0'],
    ['a crawler', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'],
  ])(
    'is waited for once, when the shell is rendered: %s gets it complete, with no script to reveal it',
    async (_who, agent) => {
      const res = await client(server, 'h2').get('/en/late').set('User-Agent', agent).expect(200);
      expect(res.text).toContain('<p id="late">arrived late</p>');
      expect(res.text).not.toContain('waiting');
      expect(res.text).not.toMatch(NO_DATA_SCRIPT);
    },
  );
});

describe('a part that fails', () => {
  const live = (body: string) => `${REACT}\nexport default { part: { render: 'live', component: () => ${body} } };\n`;
  const hydrated = (body: string) =>
    `${REACT}\nexport default { part: { render: 'hydrated', component: () => ${body} } };\n`;
  const pagesDir = makePagesDir({
    home: HOME,
    throws: { module: plainPage(1, `{ part: () => { throw new Error('render exploded'); } }`), ...ONE_WIDGET('part') },
    // Suspends with no boundary above it, so only the deadline ends it.
    slow: { module: plainPage(2, `{ part: () => { throw new Promise(() => {}); } }`), ...ONE_WIDGET('part') },
    'live-throws': {
      module: plainPage(3),
      islands: live(`{ throw new Error('live exploded'); }`),
      ...ONE_WIDGET('part'),
    },
    'island-throws': {
      module: plainPage(4),
      islands: hydrated(`{ throw new Error('island exploded'); }`),
      ...ONE_WIDGET('part'),
    },
  });
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ pagesDir, renderDeadlineMs: 300 });
  });
  afterAll(() => server.close());

  const lessonIsThere = (html: string) => {
    expect(html).toContain('<h1 class="lesson__title">Widget</h1>');
    expect(html).toContain('Lead.');
    expect(html).not.toContain('exploded');
  };

  it.each(['http/1.1', 'h2'] as const)(
    'a static widget that throws is replaced by a note; the lesson is served with 200 (%s)',
    async (protocol) => {
      const res = await client(server, protocol).get('/en/throws').expect(200);
      lessonIsThere(res.text);
      expect(res.text).toContain(
        '<div class="widget" data-widget="part"><p class="widget__note">This part cannot be shown',
      );
      expect(server.logs).toContainEqual(
        expect.objectContaining({
          msg: 'a part of the static shell could not be rendered',
          page: 'throws',
          widget: 'part',
        }),
      );
    },
  );

  it('a static widget that is not ready by the deadline is replaced by a note, and tried again next time', async () => {
    const started = Date.now();
    const res = await client(server, 'h2').get('/en/slow').expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    lessonIsThere(res.text);
    expect(res.text).toContain('<p class="widget__note">This part cannot be shown');
    expect(server.logs).toContainEqual(
      expect.objectContaining({
        msg: 'a part of the static shell could not be rendered',
        page: 'slow',
        err: expect.objectContaining({ message: 'not ready within the 300 ms deadline' }),
      }),
    );
    const again = Date.now();
    await client(server, 'h2').get('/en/slow').expect(200);
    expect(Date.now() - again).toBeGreaterThanOrEqual(290);
  });

  it.each([
    ['live', '/en/live-throws', 'an island failed; left to the browser'],
    ['hydrated', '/en/island-throws', 'a part of the static shell could not be rendered'],
  ])('a %s island that throws is left for the browser to render, with 200', async (_kind, path, msg) => {
    const res = await client(server, 'h2').get(path).expect(200);
    lessonIsThere(res.text);
    expect(res.text).toContain(
      '<div class="widget" data-widget="part" data-island="0" data-render-in-browser=""></div>',
    );
    expect(res.text).toMatch(new RegExp(`<script type="application/json" id="${EMBEDDED_STATE_ID}">`));
    expect(server.logs).toContainEqual(expect.objectContaining({ msg, widget: 'part' }));
  });
});
