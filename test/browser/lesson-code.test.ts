import { useBrowserLab } from '../helpers/browser';

const lab = useBrowserLab();
const hydrated = () => performance.getEntriesByName('wirebook:hydrate').length > 0;

describe('code blocks of a lesson in Chromium', () => {
  it('name this site in their commands, and copy them with the keyboard', async () => {
    await lab.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: lab.server.origin });
    const { page, problems } = await lab.open('/en/range-requests');
    await page.waitForFunction(hydrated);
    const terminal = page.locator('section[aria-labelledby="terminal"]');
    const first = terminal.locator('.code-block').first();
    const command = ((await first.locator('code').textContent()) ?? '').trimEnd();
    // The test server's PUBLIC_ORIGIN, put into the command by the render.
    expect(command).toBe('curl -s -r 0-99 -D - -o part.bin https://wirebook.test/lab/files/1mb.bin; wc -c part.bin');
    const button = first.getByRole('button', { name: 'Copy this code' });
    await button.focus();
    await page.keyboard.press('Enter');
    await first.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command);
    // Every code block of the lesson has one, and only one.
    expect(await page.locator('.prose pre').count()).toBe(await page.locator('.code-block__copy').count());
    expect(problems).toEqual([]);
    await page.close();
  });

  it('show no copy button without JavaScript', async () => {
    const context = await lab.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${lab.server.origin}/en/range-requests`);
    expect(await page.locator('.prose pre').count()).toBeGreaterThan(3);
    expect(await page.locator('button').filter({ hasText: 'Copy' }).count()).toBe(0);
    await context.close();
  });
});

describe('the priority panel of the HTTP/2 page in Chromium', () => {
  it('lists the weight Chromium gave each stream of this connection', async () => {
    const { page } = await lab.open('/en/http2');
    await page.waitForFunction(hydrated);
    const panel = page.getByTestId('your-priorities');
    await panel.waitFor();
    const rows = await panel
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
    const pageRow = rows.find(([, route]) => route === '/en/http2');
    expect(pageRow).toBeDefined();
    // Chromium still signals RFC 7540 priorities: every stream carries a weight from 1 to 256.
    for (const [, , weight] of rows) expect(Number(weight)).toBeGreaterThanOrEqual(1);
    expect(rows.some(([, , weight]) => weight !== '16')).toBe(true);
    await page.close();
  });
});
