import { useBrowserLab } from '../helpers/browser';

const lab = useBrowserLab();
const hydrated = () => performance.getEntriesByName('wirebook:hydrate').length > 0;

describe('the HTTP/2 page in Chromium', () => {
  it('draws both waterfalls from Resource Timing: h2 on one connection, HTTP/1.1 queueing on six', async () => {
    const { page, problems } = await lab.open('/en/http2');
    await page.waitForFunction(hydrated);
    const waterfall = page.getByTestId('waterfall-lab');
    await waterfall.getByRole('button', { name: 'Run' }).click();
    const summaries = waterfall.getByTestId('waterfall-summary');
    await summaries.nth(1).waitFor({ timeout: 20_000 });
    expect(await summaries.nth(0).getAttribute('data-protocol')).toBe('h2');
    expect(await summaries.nth(0).getAttribute('data-connections')).toBe('1');
    expect(await summaries.nth(1).getAttribute('data-protocol')).toBe('http/1.1');
    // Chromium opens at most six connections per host for HTTP/1.1.
    const h1Connections = Number(await summaries.nth(1).getAttribute('data-connections'));
    expect(h1Connections).toBeGreaterThan(1);
    expect(h1Connections).toBeLessThanOrEqual(6);
    expect(await waterfall.locator('svg.waterfall').count()).toBe(2);
    // A time axis under each drawing, and a colour per connection, named in a legend.
    expect(await waterfall.getByTestId('waterfall-tick').first().textContent()).toBe('0 ms');
    expect(await waterfall.getByTestId('waterfall-tick').count()).toBeGreaterThan(4);
    const h1Side = waterfall.locator('figure').nth(1);
    expect(await h1Side.getByTestId('waterfall-connection').count()).toBe(h1Connections);
    const fills = await h1Side
      .locator('.waterfall__active')
      .evaluateAll((bars) => new Set(bars.map((bar) => getComputedStyle(bar).fill)).size);
    expect(fills).toBe(h1Connections);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('in slow mode holds each tile 250 ms, so HTTP/1.1’s six connections take at least 17 turns', async () => {
    const { page, problems } = await lab.open('/en/http2');
    await page.waitForFunction(hydrated);
    const waterfall = page.getByTestId('waterfall-lab');
    await waterfall.getByRole('checkbox', { name: /Slow mode/ }).check();
    expect(await waterfall.textContent()).toContain('holds each tile for 250 ms');
    await waterfall.getByRole('button', { name: 'Run' }).click();
    const h1Summary = waterfall.getByTestId('waterfall-summary').nth(1);
    await h1Summary.waitFor({ timeout: 30_000 });
    // 100 tiles over at most six connections: at least ceil(100 / 6) = 17 tiles one after another on one of them.
    expect(Number(await h1Summary.getAttribute('data-total-ms'))).toBeGreaterThanOrEqual(17 * 250);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the browser’s own SETTINGS, this page’s streams and a PING round trip', async () => {
    // A fresh context: a cached asset opens no stream, and the panel lists this page's streams only.
    const context = await lab.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${lab.server.origin}/en/http2`);
    await page.waitForFunction(hydrated);
    const session = page.getByTestId('your-session');
    await session.waitFor();
    // Chromium announces that it takes no pushes, and a 6 MB stream window: each beside its initial value, explained.
    const push = session.getByTestId('setting-enablePush');
    expect(await push.locator('td').allTextContents()).toEqual(['1', '0', '0', 'No server push, please.']);
    const window = session.getByTestId('setting-initialWindowSize');
    expect(await window.locator('td').first().textContent()).toBe('65535');
    expect(Number(await window.locator('td').nth(1).textContent())).toBeGreaterThan(65_535);
    expect(await window.getByTestId('setting-meaning').textContent()).toMatch(
      /^\d+× the initial value\. Each stream may receive .+ before the server must wait for a WINDOW_UPDATE\.$/,
    );
    expect(await session.getByTestId('session-ping').textContent()).toMatch(/came back \d+(\.\d+)? ms later/);
    const routes = await session.getByTestId('session-streams').locator('tbody tr td:nth-child(3)').allTextContents();
    expect(routes).toContain('/en/http2');
    expect(routes.some((route) => route.startsWith('/assets/'))).toBe(true);
    await context.close();
  });

  it('lists only this page’s streams, not those of pages read earlier on the same connection', async () => {
    const { page } = await lab.open('/en/tcp-handshake');
    await page.goto(`${lab.server.origin}/en/http2`);
    await page.waitForFunction(hydrated);
    const routes = page.getByTestId('your-session').getByTestId('session-streams').locator('tbody tr td:nth-child(3)');
    await routes.first().waitFor();
    const shown = await routes.allTextContents();
    expect(shown[0]).toBe('/en/http2');
    expect(shown).not.toContain('/en/tcp-handshake');
    await page.close();
  });

  it('shows which of its assets the 103 started, as Resource Timing says, and the raw 103 before the 200', async () => {
    const { page } = await lab.open('/en/http2');
    await page.waitForFunction(hydrated);
    // Chromium saw this page's own 103 arrive before the 200.
    const interim = await page.evaluate(
      () =>
        (
          performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming & {
            firstInterimResponseStart?: number;
          }
        ).firstInterimResponseStart ?? 0,
    );
    expect(interim).toBeGreaterThan(0);
    const hints = page.getByTestId('early-hints');
    await hints.getByTestId('early-hints-asset').first().waitFor();
    const rows = await hints
      .getByTestId('early-hints-asset')
      .evaluateAll((cells) =>
        cells.map((row) => [row.querySelector('code')?.textContent, row.getAttribute('data-initiator')]),
      );
    const timing = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((entry) => [
        new URL(entry.name).pathname.replace(/^\/assets\//, ''),
        entry.initiatorType,
      ]),
    );
    expect(rows.length).toBeGreaterThan(0);
    // Each row is what the browser recorded; whether Chromium used the 103 depends on how soon the 200
    // followed it, so the widget says so when none did.
    for (const row of rows) expect(timing).toContainEqual(row);
    const startedByHints = rows.some(([, initiator]) => initiator === 'early-hints');
    expect(await hints.getByText('No asset was started by the 103 this time', { exact: false }).count()).toBe(
      startedByHints ? 0 : 1,
    );
    await hints.getByRole('button', { name: 'See a raw 103 and 200' }).click();
    const trace = hints.getByTestId('trace');
    await trace.waitFor();
    expect(await trace.textContent()).toMatch(/:status 103\s+link: <\/assets\/[^>]+>; rel=preload[\s\S]*:status 200/);
    await page.close();
  });
});
