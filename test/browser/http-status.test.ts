import { useBrowserLab } from '../helpers/browser';

const lab = useBrowserLab();

describe('the status code pages in Chromium', () => {
  it('follows each redirect with the reader’s own browser: GET after 301, 302 and 303; POST with its body after 307 and 308', async () => {
    const { page } = await lab.open('/en/http-status');
    await page.waitForFunction(() => performance.getEntriesByName('wirebook:hydrate').length > 0);
    const form = page.getByTestId('redirect-lab');
    await form.getByLabel('Text sent with the request').fill('carried along');
    const expected: [number, string, RegExp][] = [
      [301, 'GET', /^Gone$/],
      [302, 'GET', /^Gone$/],
      [303, 'GET', /^Gone$/],
      [307, 'POST', /^Kept \(\d+ bytes\): “note=carried along”$/],
      [308, 'POST', /^Kept \(\d+ bytes\): “note=carried along”$/],
    ];
    for (const [code, method, body] of expected) {
      const row = form.getByTestId(`redirect-${code}`);
      await row.getByRole('button', { name: `Submit through ${code}` }).click();
      await row.getByTestId('arrived-method').waitFor();
      expect(await row.getByTestId('arrived-method').textContent()).toBe(method);
      expect(await row.getByTestId('arrived-body').textContent()).toMatch(body);
    }
    await page.close();
  });

  it('works as a plain form without JavaScript: the browser follows the 307 and the server answers with a page', async () => {
    const context = await lab.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${lab.server.origin}/http-status#redirects`);
    await page.getByRole('button', { name: '用 307 提交' }).click();
    await page.waitForURL(/\/lab\/redirect\/arrived\?via=307&lang=zh$/);
    expect(await page.locator('h1').textContent()).toBe('经过 307 之后到达的请求');
    expect(await page.locator('dd').first().textContent()).toBe('POST');
    expect(await page.locator('dd').nth(1).textContent()).toContain('note=你好，重定向');
    await context.close();
  });

  it('shows the field a code needs first in its lab answer, the rest folded', async () => {
    const { page } = await lab.open('/en/http-status/405');
    await page.waitForFunction(() => performance.getEntriesByName('wirebook:hydrate').length > 0);
    await page.getByRole('button', { name: 'Send 405' }).click();
    const needed = page.getByTestId('send-it-needed');
    await needed.waitFor();
    expect(await needed.textContent()).toMatch(/^allow: /);
    const rest = page.getByTestId('send-it-headers');
    expect(await rest.isVisible()).toBe(false);
    expect(await rest.textContent()).not.toMatch(/^allow:/m);
    await page.getByText(/^Other fields \(\d+\)$/).click();
    expect(await rest.isVisible()).toBe(true);
    await page.close();
  });

  it('colours each class and jumps to it, without JavaScript', async () => {
    const context = await lab.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${lab.server.origin}/en/http-status`);
    const jumps = page.getByRole('navigation', { name: 'Jump to a class' }).getByRole('link');
    expect(await jumps.allTextContents()).toEqual(['1xx', '2xx', '3xx', '4xx', '5xx']);
    await jumps.nth(3).click();
    await page.waitForURL(/#class-4xx$/);
    const colour = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((element) => getComputedStyle(element).borderLeftColor);
    const classes = await Promise.all([1, 2, 3, 4, 5].map((n) => colour(`#class-${n}xx`)));
    expect(new Set(classes).size).toBe(5);
    expect(await colour('.status-class--4 li')).toBe(classes[3]);
    await context.close();
  });

  it('sends 304 only to the second, conditional request, and shows both heads as received', async () => {
    const { page } = await lab.open('/en/http-status/304');
    await page.waitForFunction(() => performance.getEntriesByName('wirebook:hydrate').length > 0);
    await page.getByRole('button', { name: 'Send 304' }).click();
    const statuses = page.getByTestId('send-it-status');
    await statuses.nth(1).waitFor();
    expect(await statuses.nth(0).textContent()).toMatch(/^Status: 200 .*Protocol: h2$/);
    expect(await statuses.nth(1).textContent()).toMatch(/^Status: 304 .*Protocol: h2$/);
    await page.close();
  });

  it('shows that the browser followed a 301, and the 103 a browser hides, through the server’s own trace', async () => {
    const { page } = await lab.open('/en/http-status/301');
    await page.waitForFunction(() => performance.getEntriesByName('wirebook:hydrate').length > 0);
    await page.getByRole('button', { name: 'Send 301' }).click();
    await page.getByText('Your browser followed the redirect and ended at /lab/status/200.').waitFor();
    await page.goto(`${lab.server.origin}/en/http-status/103`);
    await page.waitForFunction(() => performance.getEntriesByName('wirebook:hydrate').length > 0);
    await page.getByRole('button', { name: 'Send 103' }).click();
    const trace = page.getByTestId('trace');
    await trace.waitFor();
    expect(await trace.textContent()).toMatch(
      /:status 103\s+link: <\/favicon\.svg>; rel=preload; as=image[\s\S]*:status 200/,
    );
    await page.close();
  });
});
