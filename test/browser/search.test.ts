import { useBrowserLab } from '../helpers/browser';

const lab = useBrowserLab();
const hydrated = () => performance.getEntriesByName('wirebook:hydrate').length > 0;

describe('search in Chromium', () => {
  it('focuses on /, lists hits as the reader types, and opens the first on Enter', async () => {
    const { page, problems } = await lab.open('/en/tcp-handshake');
    await page.waitForFunction(hydrated);
    // Nothing of the search engine or its index is fetched before the reader reaches for the box.
    const fetched = () =>
      page.evaluate(() => performance.getEntriesByType('resource').some((entry) => /search-en\./.test(entry.name)));
    expect(await fetched()).toBe(false);
    await page.keyboard.press('/');
    const box = page.getByRole('combobox', { name: 'Search' });
    await box.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search-input');
    await page.keyboard.type('rate limit');
    const hits = page.getByRole('listbox', { name: 'Search' }).getByRole('option');
    await hits.first().waitFor();
    expect(await fetched()).toBe(true);
    expect(await hits.first().innerText()).toContain('429');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${lab.server.origin}/en/http-status/429`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('moves among the hits with the arrow keys and closes them with Escape', async () => {
    const { page } = await lab.open('/http2');
    await page.waitForFunction(hydrated);
    const box = page.locator('#site-search-input');
    await box.click();
    await box.pressSequentially('找不到');
    const list = page.getByRole('listbox');
    await list.getByRole('option').first().waitFor();
    expect(await list.getByRole('option').first().innerText()).toContain('404');
    await page.keyboard.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe('site-search-hit-1');
    await page.keyboard.press('Escape');
    expect(await list.isHidden()).toBe(true);
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await page.close();
  });

  it('submits to the results page without JavaScript', async () => {
    const context = await lab.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${lab.server.origin}/en/websocket`);
    await page.getByRole('searchbox', { name: 'Search' }).fill('not found');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(`${lab.server.origin}/en/search?q=not+found`);
    await page.getByTestId('search-results').getByRole('link', { name: /404/ }).first().click();
    await page.waitForURL(`${lab.server.origin}/en/http-status/404`);
    await context.close();
  });
});
