import { client } from '../helpers/clients';
import { useBrowserLab } from '../helpers/browser';
import { waitFor } from '../helpers/wait';

/*
 * Under event-loop lag past SHED_LAG_MS the server stops rendering live islands and leaves them to
 * the browser; the lesson stays in the HTML. The lag here is real: the test keeps the event loop
 * (the server's, which runs in this process) busy 80 ms out of every 100.
 */
const lab = useBrowserLab({ shedLagMs: 30 });

function lagTheEventLoop(): () => Promise<void> {
  const timer = setInterval(() => {
    const until = Date.now() + 80;
    while (Date.now() < until);
  }, 100);
  return async () => {
    clearInterval(timer);
    // Quiet samples bring the lag under half the threshold again: wait for the server to say so.
    await waitFor('the server to stop shedding', async () => (await health()).shedding === false, {
      timeoutMs: 10_000,
      everyMs: 50,
    });
  };
}

const LIVE_ISLAND = /<div class="widget" data-widget="live-wire" data-island="\d+"( data-render-in-browser="")?>/;
const health = async (): Promise<{ shedding: boolean; pagesShed: number }> =>
  (await client(lab.server, 'h2').get('/healthz').expect(200)).body.load;

it('leaves live islands to the browser while the event loop lags, and says so on /healthz', async () => {
  const stop = lagTheEventLoop();
  try {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const res = await client(lab.server, 'h2').get('/en').expect(200);
    expect(LIVE_ISLAND.exec(res.text)?.[1]).toBe(' data-render-in-browser=""');
    expect(res.text).toContain('<h1 class="lesson__title">');
    expect(res.headers['server-timing']).toContain('islands left to the browser');
    const load = await health();
    expect(load.shedding).toBe(true);
    expect(load.pagesShed).toBeGreaterThanOrEqual(1);
  } finally {
    await stop();
  }
  const res = await client(lab.server, 'h2').get('/en').expect(200);
  expect(LIVE_ISLAND.exec(res.text)?.[1]).toBeUndefined();
  expect(await health()).toMatchObject({ shedding: false });
});

it('the browser renders what the server left to it, from the embedded state', async () => {
  const stop = lagTheEventLoop();
  let opened;
  try {
    await new Promise((resolve) => setTimeout(resolve, 250));
    opened = await lab.open('/en');
  } finally {
    await stop();
  }
  const { page, problems } = opened;
  expect(await page.locator('[data-render-in-browser]').count()).toBeGreaterThan(0);
  await page.getByTestId('live-wire').waitFor();
  await page.getByTestId('protocol').waitFor();
  expect(problems).toEqual([]);
  await page.close();
});
