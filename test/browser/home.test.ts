import { useBrowserLab } from '../helpers/browser';

const lab = useBrowserLab();

describe('the home page in Chromium', () => {
  it('shows the reader’s own proof above the fold: protocol, TLS, streams and a measured round trip', async () => {
    const context = await lab.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${lab.server.origin}/en`);
    const proof = page.getByTestId('your-proof');
    expect((await proof.boundingBox())?.y).toBeLessThan(720 - 100);
    expect(await proof.getByTestId('proof-protocol').textContent()).toBe('h2');
    expect(await proof.getByTestId('proof-tls').textContent()).toBe('TLSv1.3');
    expect(await proof.getByTestId('proof-streams').textContent()).toMatch(/^\d+: \d+.* \(connection [0-9a-f]{12}\)$/);
    await proof.locator('[data-testid=proof-rtt][data-kind=measured]').waitFor();
    expect(await proof.getByTestId('proof-rtt').textContent()).toMatch(/^\d+(\.\d+)? ms, the server’s PING/);
    await context.close();
  });

  it('without JavaScript still shows the protocol, TLS and stream the server saw, and says how RTT is measured', async () => {
    const context = await lab.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${lab.server.origin}/`);
    const proof = page.getByTestId('your-proof');
    expect(await proof.getByTestId('proof-protocol').textContent()).toBe('h2');
    expect(await proof.getByTestId('proof-tls').textContent()).toBe('TLSv1.3');
    expect(await proof.getByTestId('proof-streams').textContent()).toMatch(/^1 条：\d+（连接 [0-9a-f]{12}）$/);
    expect(await proof.getByTestId('proof-rtt').getAttribute('data-kind')).toBe('needs-js');
    await context.close();
  });

  it('keeps the reader’s progress along the lesson path in this browser', async () => {
    const context = await lab.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${lab.server.origin}/en/tcp-handshake`);
    await page.waitForFunction(() => localStorage.getItem('wirebook:progress')?.includes('opened'));
    // Reading to the end: the self-check comes into view.
    await page.locator('#self-check').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => localStorage.getItem('wirebook:progress')?.includes('finished'));
    await page.goto(`${lab.server.origin}/en/http2`);
    await page.waitForFunction(() => localStorage.getItem('wirebook:progress')?.includes('http2'));
    await page.goto(`${lab.server.origin}/en`);
    const path = page.getByTestId('lesson-path');
    const state = (slug: string) => path.locator(`[data-progress-for="${slug}"]`);
    await state('tcp-handshake').and(page.locator('[data-state=finished]')).waitFor();
    expect(await state('tcp-handshake').textContent()).toBe('finished');
    expect(await state('http2').textContent()).toBe('started');
    expect(await state('websocket').textContent()).toBe('');
    expect(await path.locator('[data-progress-summary]').textContent()).toBe(
      'You have finished 1 of 7 lessons in this browser.',
    );
    await context.close();
  });

  it('without JavaScript shows the lesson path as a plain numbered list', async () => {
    const context = await lab.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${lab.server.origin}/en`);
    const path = page.getByTestId('lesson-path');
    expect(await path.locator('ol > li > a').count()).toBe(7);
    expect(await path.locator('[data-progress-summary]').isVisible()).toBe(false);
    await context.close();
  });
});
