import { useBrowserLab } from '../helpers/browser';

const lab = useBrowserLab();

describe('finding one’s way in Chromium', () => {
  it('fits the numbered lessons on one row at 1280 px, in both languages', async () => {
    for (const path of ['/en/http2', '/http2']) {
      const { page } = await lab.open(path);
      await page.setViewportSize({ width: 1280, height: 800 });
      const row = await page.locator('.site-nav ol').evaluate((list) => ({
        fits: list.scrollWidth <= list.clientWidth,
        tops: [...list.querySelectorAll('li')].map((item) => Math.round(item.getBoundingClientRect().top)),
      }));
      expect(row.fits).toBe(true);
      expect(new Set(row.tops).size).toBe(1);
      expect(await page.locator('.site-nav li').first().innerText()).toMatch(/^1\s*\S/);
      await page.close();
    }
  });

  it('keeps the contents beside a long lesson on a wide screen, without JavaScript, as the reader scrolls', async () => {
    const context = await lab.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${lab.server.origin}/en/http2`);
    const contents = page.locator('.lesson__contents');
    const link = contents.getByRole('link', { name: 'HPACK', exact: false }).first();
    expect(await link.isVisible()).toBe(true);
    const lessonBox = await page.locator('.lesson__sections').boundingBox();
    const before = await contents.boundingBox();
    expect(before!.x).toBeGreaterThan(lessonBox!.x + lessonBox!.width);
    // Down to the lesson's last heading, thousands of pixels below (scrolled by the browser, not by a script).
    await page.locator('.lesson__sections h2').last().scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(5000);
    const after = await contents.boundingBox();
    expect(after!.y).toBeGreaterThanOrEqual(0);
    expect(after!.y).toBeLessThan(100);
    await context.close();
  });

  it('folds the contents on a phone, and opens them on demand', async () => {
    const context = await lab.browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${lab.server.origin}/en/tcp-teardown`);
    const contents = page.locator('.lesson__contents');
    const first = contents.getByRole('link').first();
    expect(await first.isVisible()).toBe(false);
    await contents.locator('summary').click();
    expect(await first.isVisible()).toBe(true);
    await context.close();
  });

  it('marks the section being read, and the language switch keeps the reader there', async () => {
    const { page, problems } = await lab.open('/en/http2#hpack');
    await page.waitForFunction(() => performance.getEntriesByName('wirebook:hydrate').length > 0);
    await page.locator('.lesson__contents a[aria-current][href="#hpack"]').waitFor({ state: 'attached' });
    // Judged before leaving: the switch itself may cut short the old page's labs' requests (net::ERR_ABORTED).
    expect(problems).toEqual([]);
    await page.locator('a.site-lang').click();
    await page.waitForURL(`${lab.server.origin}/http2#hpack`);
    await page.close();
  });

  it('goes from lesson to lesson by the links at the end, and from code to code by those at the top', async () => {
    const { page } = await lab.open('/en/tcp-handshake');
    await page.locator('a[rel=next]').click();
    await page.waitForURL(`${lab.server.origin}/en/tcp-teardown`);
    expect(await page.locator('.lesson__number').textContent()).toBe('Lesson 2 of 7');
    await page.goto(`${lab.server.origin}/en/http-status/404`);
    const top = page.locator('.pager--compact');
    expect(await top.innerText()).toMatch(/403[\s\S]*405/);
    await top.getByRole('link', { name: /405/ }).click();
    await page.waitForURL(`${lab.server.origin}/en/http-status/405`);
    expect(await page.locator('.breadcrumbs').innerText()).toMatch(/^Wirebook\s+HTTP status codes\s+405$/);
    await page.close();
  });
});
