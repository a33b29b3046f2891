import type { BrowserContext, Page } from 'playwright-core';
import { LOCALES, pagePath, type Locale } from '../../shared/locale';
import { PAGES_CODE_DIR, PAGES_DIR } from '../../server/paths';
import { loadSite } from '../../server/site';
import { useBrowserLab } from '../helpers/browser';

const decodeHtml = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const site = loadSite({ pagesDir: PAGES_DIR, pagesCodeDir: PAGES_CODE_DIR });
// Every folder page, and a few child pages: the status code pages share one bundle and one layout.
const childSample = ['http-status/404', 'http-status/103'].map(
  (slug) => site.find(slug) as NonNullable<ReturnType<typeof site.find>>,
);
const cases = [...site.pages, ...childSample].flatMap((page) =>
  LOCALES.map((locale) => [pagePath(locale, page.slug), page, locale] as const),
);

const lab = useBrowserLab();

const protocolIsH2 = async (page: Page) => {
  await page.getByTestId('protocol').waitFor();
  expect(await page.getByTestId('protocol').textContent()).toBe('h2');
};
const socketStatesShown = (page: Page) => page.getByTestId('socket-states').locator('td[data-state=LISTEN]').waitFor();

/** What each page's live parts do once hydrated: every page needs an entry, so none goes unchecked. */
const LIVE_PARTS: Record<string, (page: Page, locale: Locale) => Promise<void>> = {
  home: protocolIsH2,
  architecture: async (page, locale) => {
    const step = page.getByTestId('request-path-step');
    await expect(step.textContent()).resolves.toContain(locale === 'en' ? 'Step 1 of 7' : '第 1 步，共 7 步');
    await page.getByRole('button', { name: locale === 'en' ? 'Next' : '下一步' }).click();
    await expect(step.textContent()).resolves.toContain(locale === 'en' ? 'Step 2 of 7' : '第 2 步，共 7 步');
    await page.keyboard.press('ArrowRight');
    await expect(step.textContent()).resolves.toContain(locale === 'en' ? 'Step 3 of 7' : '第 3 步，共 7 步');
    await page.getByTestId('render-ms').waitFor();
    expect(await page.getByTestId('render-ms').textContent()).toMatch(/^\d+(\.\d+)? ms$/);
    expect(await page.getByTestId('hydration-ms').textContent()).toMatch(/^\d+(\.\d+)? ms$/);
  },
  'tcp-handshake': async (page) => {
    await protocolIsH2(page);
    await socketStatesShown(page);
  },
  'tcp-teardown': socketStatesShown,
  'range-requests': async (page) => {
    // The playground is live: one Range request, answered 206.
    const playground = page.getByTestId('range-playground');
    await playground.getByRole('button').last().click();
    await playground.getByTestId('range-status').filter({ hasText: '206' }).waitFor();
  },
  'http-status': async (page, locale) => {
    // The complete list is there without JavaScript; the filter narrows it after hydration.
    // The codes, not the 1xx–5xx jumps above them.
    const items = page.getByTestId('status-index').locator('.status-index__list > li');
    expect(await items.count()).toBe(64);
    await page.getByLabel(locale === 'en' ? 'Filter by number or word' : '按数字或文字筛选').fill('30');
    await page.getByTestId('status-index').getByRole('status').filter({ hasText: /9/ }).waitFor();
    expect(await items.count()).toBe(9);
  },
  'http-status.code': async (page) => {
    // One click sends the code for real; the page shows what came back (a head, or a trace for 1xx).
    await page.getByTestId('send-it').getByRole('button').click();
    await page.getByTestId('send-it').locator('[data-testid=send-it-status], [data-testid=trace]').first().waitFor();
  },
  http2: async (page) => {
    await page.getByTestId('your-session').getByTestId('setting-enablePush').waitFor();
  },
  websocket: async (page) => {
    await page.getByTestId('accept-check').waitFor();
    expect(await page.getByTestId('accept-check').getAttribute('data-matches')).toBe('true');
  },
};

async function openHydrated(path: string): Promise<{ page: Page; problems: string[] }> {
  const opened = await lab.open(path);
  await opened.page.waitForFunction(() => performance.getEntriesByName('wirebook:hydrate').length > 0);
  return opened;
}

describe.each(cases)('Chromium at %s', (path, sitePage, locale) => {
  let page: Page;
  let problems: string[];
  beforeAll(async () => {
    ({ page, problems } = await openHydrated(path));
  });
  afterAll(() => page.close());

  it('arrived over h2 and hydrated with no console error, warning or failed request', async () => {
    expect(
      await page.evaluate(
        () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).nextHopProtocol,
      ),
    ).toBe('h2');
    expect(problems).toEqual([]);
  });

  it('has one h1, the landmarks, and a skip link that is the first thing Tab reaches', async () => {
    expect(await page.locator('h1').count()).toBe(1);
    for (const landmark of ['header', 'nav', 'main', 'footer'])
      expect(await page.locator(landmark).count()).toBeGreaterThan(0);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
  });

  it('fits a 360 px phone without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.evaluate(() => new Promise(requestAnimationFrame));
    // What sticks out, named, so a failure says where to look.
    const wide = await page.evaluate(() => {
      const width = document.documentElement.scrollWidth;
      if (width <= 360) return [];
      // Content inside a scroll container scrolls there, not the page: name what is outside one.
      const inScroller = (e: Element) => {
        for (let up = e.parentElement; up && up !== document.body; up = up.parentElement)
          if (getComputedStyle(up).overflowX !== 'visible') return true;
        return false;
      };
      const culprits = [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > 361 && !inScroller(e))
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? '').slice(0, 40)}`);
      return culprits.length > 0 ? culprits : [`the page is ${width} px wide`];
    });
    expect(wide).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it('draws no diagram label under 11 px on a 360 px phone', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.evaluate(() => new Promise(requestAnimationFrame));
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<SVGTextElement>('svg text')].flatMap((text) => {
        const svg = text.ownerSVGElement;
        const box = svg?.getBoundingClientRect();
        if (!svg || !box || box.width === 0 || text.getBoundingClientRect().width === 0) return [];
        const scale = box.width / (svg.viewBox.baseVal?.width || box.width);
        const px = parseFloat(getComputedStyle(text).fontSize) * scale;
        return px < 11 ? [`${px.toFixed(1)} px: ${text.textContent}`] : [];
      }),
    );
    expect(small).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it('brings its live parts to life after hydration', async () => {
    const check = LIVE_PARTS[sitePage.entry];
    if (!check) throw new Error(`add a check of pages/${sitePage.entry}'s live parts to LIVE_PARTS`);
    await check(page, locale);
  });

  it('switches language to the same page', async () => {
    const other = LOCALES.find((l) => l !== locale) as typeof locale;
    await page.locator('a.site-lang').click();
    // The switch may carry the section being read (#…): the page is what counts here.
    await page.waitForURL((url) => url.pathname === pagePath(other, sitePage.slug));
    expect(await page.locator('h1').textContent()).toBe(sitePage.lessons[other].meta.title);
  });
});

describe('with JavaScript disabled', () => {
  let noScript: BrowserContext;
  beforeAll(async () => {
    noScript = await lab.browser.newContext({ javaScriptEnabled: false });
  });
  afterAll(() => noScript.close());

  it.each(cases)('%s reads complete', async (path, sitePage, locale) => {
    const page = await noScript.newPage();
    await page.goto(lab.server.origin + path);
    const lesson = sitePage.lessons[locale];
    expect(await page.locator('h1').textContent()).toBe(lesson.meta.title);
    const headings = await page.locator('article h2').allTextContents();
    expect(headings).toEqual(lesson.sections.map((s) => decodeHtml(s.heading.replace(/<[^>]+>/g, ''))));
    const text = await page.locator('article').innerText();
    expect(text.length).toBeGreaterThan(200);
    if (sitePage.entry === 'architecture') {
      // The diagram's steps are listed in full where the step-through needs JavaScript.
      expect(await page.locator('.request-path__list li').count()).toBe(7);
    }
    await page.close();
  });
});
