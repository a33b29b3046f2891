import type { Page } from 'playwright-core';
import { useBrowserLab } from '../helpers/browser';
import { h2Request } from '../helpers/test-server';

const lab = useBrowserLab();

async function openLive(path: string): Promise<{ page: Page; problems: string[] }> {
  const opened = await lab.open(path);
  await opened.page
    .getByTestId('live-wire-status')
    .filter({ hasText: /^(live|实时)$/ })
    .waitFor();
  return opened;
}

const wireText = (page: Page) => page.getByTestId('live-wire').locator('.live-wire__events').innerText();
/** The connection and stream the server says carried this page (from the state it embedded). */
const carriedBy = (page: Page): Promise<{ connection: string; pageStreamId: number }> =>
  page.evaluate(() => JSON.parse(document.getElementById('wirebook-state')?.textContent ?? '{}').wire.you);

describe('the live wire in Chromium', () => {
  it('shows a request made by another client within a second', async () => {
    const { page, problems } = await openLive('/en');
    const started = Date.now();
    await h2Request(lab.server, { ':path': '/robots.txt' });
    await page.getByTestId('live-wire').getByText('GET /robots.txt → 200').waitFor({ timeout: 1000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the reader their own connection, streams and feed, and marks their events', async () => {
    // A fresh context: with a trusted certificate Chromium caches the assets, and a cached asset opens no stream.
    const context = await lab.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${lab.server.origin}/en`);
    await page
      .getByTestId('live-wire-status')
      .filter({ hasText: /^live$/ })
      .waitFor();
    const id = await page.getByTestId('your-connection-id').textContent();
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(await page.getByTestId('your-protocol').textContent()).toBe('h2 (ALPN h2)');
    // The page's own stream and its assets' streams, learnt from the feed.
    await page.waitForFunction(
      () => (document.querySelector('[data-testid=your-streams]')?.textContent ?? '').split(',').length >= 3,
    );
    const feedConnection = await page.getByTestId('your-feed-connection').textContent();
    expect(feedConnection).toMatch(/^[0-9a-f]{12} /);
    expect(feedConnection).not.toContain(id as string);
    const { pageStreamId } = await carriedBy(page);
    expect((await page.getByTestId('your-streams').textContent())?.split(', ')).toContain(String(pageStreamId));
    // Which of the page's requests is still in view depends on how many events followed; any will do.
    await page
      .locator('.live-wire__event[data-mine]')
      .getByText(new RegExp(`^${id} · h2 stream \\d+ · GET /\\S+ → 200`))
      .first()
      .waitFor();
    await context.close();
  });

  it('shows in one tab the streams and responses caused by another', async () => {
    const { page: first } = await openLive('/');
    const { page: second } = await openLive('/en/architecture');
    const { connection, pageStreamId } = await carriedBy(second);
    await first
      .getByTestId('live-wire')
      .getByText(`${connection} · h2 流 ${pageStreamId} · GET /en/architecture → 200`)
      .waitFor({ timeout: 2000 });
    await first.close();
    await second.close();
  });

  it('shows each event at the same UTC time, to the millisecond, before and after the page is live', async () => {
    const { page } = await openLive('/en');
    const rows = await page
      .locator('.live-wire__event time')
      .evaluateAll((times) => times.map((time) => [time.getAttribute('datetime'), time.textContent]));
    expect(rows.length).toBeGreaterThan(0);
    for (const [datetime, shown] of rows) expect(shown).toBe((datetime as string).slice(11, 23));
    expect(await page.getByTestId('live-wire').getByText('Times are UTC').count()).toBe(1);
    await page.close();
  });

  it('lists events oldest first, each linking to the section that explains it', async () => {
    const { page } = await openLive('/en');
    await h2Request(lab.server, { ':path': '/robots.txt' });
    const robots = page.getByTestId('live-wire').getByRole('link', { name: /GET \/robots\.txt → 200/ });
    await robots.waitFor();
    expect(await robots.getAttribute('href')).toBe('/en/http-status/200');
    const times = await page
      .locator('.live-wire__event time')
      .evaluateAll((all) => all.map((t) => t.getAttribute('datetime')));
    expect(times).toEqual([...times].sort());
    // The newest is at the bottom, in view: the list follows new events.
    const atBottom = await page
      .locator('.live-wire__events')
      .evaluate((list) => list.scrollHeight - list.scrollTop - list.clientHeight < 24);
    expect(atBottom).toBe(true);
    await page.close();
  });

  it('keeps to the reader’s own events, or to chosen channels, on request', async () => {
    const { page } = await openLive('/en');
    const wire = page.getByTestId('live-wire');
    await h2Request(lab.server, { ':path': '/robots.txt' });
    await wire.getByText('GET /robots.txt → 200').first().waitFor();
    await page.locator('.live-wire__event[data-mine]').first().waitFor();
    await wire.getByLabel('only mine').check();
    expect(await wire.getByText('GET /robots.txt → 200').count()).toBe(0);
    const rows = page.locator('.live-wire__event');
    expect(await rows.count()).toBe(await page.locator('.live-wire__event[data-mine]').count());
    await wire.getByLabel('only mine').uncheck();
    await wire.getByLabel('http').uncheck();
    expect(await page.locator('.live-wire__event[data-channel=http]').count()).toBe(0);
    expect(await rows.count()).toBeGreaterThan(0);
    await page.close();
  });

  it('says it is a snapshot without JavaScript, and explains its rows', async () => {
    const context = await lab.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${lab.server.origin}/en`);
    expect(await page.getByTestId('live-wire-status').textContent()).toBe('snapshot — live with JavaScript');
    const legend = page.getByTestId('live-wire').locator('details');
    await legend.locator('summary').click();
    expect(await legend.textContent()).toContain('marks what happened on your own connection');
    await context.close();
  });

  it('reconnects after the network drops and shows what happened meanwhile', async () => {
    const { page } = await openLive('/en');
    await lab.context.setOffline(true);
    await page
      .getByTestId('live-wire-status')
      .filter({ hasText: /^(reconnecting|offline)$/ })
      .waitFor();
    await h2Request(lab.server, { ':path': '/sitemap.xml' });
    await lab.context.setOffline(false);
    await page
      .getByTestId('live-wire-status')
      .filter({ hasText: /^live$/ })
      .waitFor({ timeout: 20_000 });
    await page.getByTestId('live-wire').getByText('GET /sitemap.xml → 200').waitFor({ timeout: 2000 });
    expect((await wireText(page)).match(/GET \/sitemap\.xml → 200/g)).toHaveLength(1);
    await page.close();
  });
});
