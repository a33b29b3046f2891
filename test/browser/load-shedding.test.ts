import { client } from '../helpers/clients';
import { useBrowserLab } from '../helpers/browser';
import { waitFor } from '../helpers/wait';

/*
 * Under event-loop lag past SHED_LAG_MS the server stops rendering live islands and leaves them to
 * the browser; the lesson stays in the HTML. The lag here is real: the test keeps the event loop
 * (the server's, which runs in this process) busy in 250 ms turns, letting I/O through between them,
 * so every sample of the lag sees it far past the 100 ms threshold.
 */
const lab = useBrowserLab({ shedLagMs: 100 });

function lagTheEventLoop(): () => void {
  let lagging = true;
  const busyTurn = () => {
    if (!lagging) return;
    const until = Date.now() + 250;
    while (Date.now() < until);
    setImmediate(busyTurn);
  };
  setImmediate(busyTurn);
  return () => {
    lagging = false;
  };
}

const LIVE_ISLAND = /<div class="widget" data-widget="live-wire" data-island="\d+"( data-render-in-browser="")?>/;
const health = async () => (await client(lab.server, 'h2').get('/healthz').expect(200)).body.load;
const shedNow = async () => LIVE_ISLAND.exec((await client(lab.server, 'h2').get('/en').expect(200)).text)?.[1];

const shedding = () =>
  waitFor('the server shedding', async () => (await health()).shedding === true, { timeoutMs: 10_000, everyMs: 50 });

it('leaves live islands to the browser while the event loop lags, says so on /healthz, and recovers by itself', async () => {
  const stop = lagTheEventLoop();
  try {
    await shedding();
    const res = await client(lab.server, 'h2').get('/en').expect(200);
    expect(LIVE_ISLAND.exec(res.text)?.[1]).toBe(' data-render-in-browser=""');
    expect(res.text).toContain('<h1 class="lesson__title">');
    expect(res.headers['server-timing']).toContain('islands left to the browser');
    const load = await health();
    expect(load.shedding).toBe(true);
    expect(load.pagesShed).toBeGreaterThanOrEqual(1);
  } finally {
    stop();
  }
  // A busy machine may lag a little on its own: full rendering returns once the lag falls.
  await waitFor('full rendering back', async () => (await shedNow()) === undefined, { timeoutMs: 10_000, everyMs: 50 });
});

it('the browser renders what the server left to it, from the embedded state', async () => {
  const stop = lagTheEventLoop();
  let opened;
  try {
    await shedding();
    opened = await lab.open('/en');
  } finally {
    stop();
  }
  const { page, problems } = opened;
  expect(await page.locator('[data-render-in-browser]').count()).toBeGreaterThan(0);
  await page.getByTestId('live-wire').waitFor();
  await page.getByTestId('protocol').waitFor();
  expect(problems).toEqual([]);
  await page.close();
});
