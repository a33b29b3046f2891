import { useBrowserLab } from '../helpers/browser';

const lab = useBrowserLab();

describe('the WebSocket page in Chromium', () => {
  it('shows the reader’s own feed handshake with the Accept recomputed and matching', async () => {
    const { page, problems } = await lab.open('/en/websocket');
    const check = page.getByTestId('accept-check');
    await check.waitFor();
    expect(await check.getAttribute('data-matches')).toBe('true');
    const request = await page.getByTestId('handshake-request').textContent();
    expect(request).toMatch(/^GET \/live HTTP\/1\.1/);
    expect(request).toMatch(/Sec-WebSocket-Key: [A-Za-z0-9+/]{22}==/);
    expect(await page.getByTestId('handshake-response').textContent()).toMatch(/^HTTP\/1\.1 101 Switching Protocols/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('decodes real frames of its own feed socket in both directions', async () => {
    const { page } = await lab.open('/en/websocket');
    const inspector = page.getByTestId('frame-inspector');
    await inspector.getByRole('button', { name: 'Capture the last frames' }).click();
    await inspector.getByTestId('frame-list').waitFor();
    const fromBrowser = inspector.locator('.frame-list__frame[data-direction=client-to-server]');
    const fromServer = inspector.locator('.frame-list__frame[data-direction=server-to-client]');
    expect(await fromBrowser.count()).toBeGreaterThan(0);
    expect(await fromServer.count()).toBeGreaterThan(0);
    expect(await fromBrowser.first().getByTestId('frame-mask').textContent()).toBe('1');
    expect(await fromServer.first().getByTestId('frame-mask').textContent()).toBe('0');
    expect(await fromBrowser.first().textContent()).toContain('"subscribe"');
    // The bytes as a byte map, its fields from the decoded header: a browser frame's masking key is 4 bytes.
    const key = fromBrowser.first().locator('.byte-map__field', { hasText: 'Masking key' });
    expect(await key.locator('code').textContent()).toMatch(/^([0-9a-f]{2} ){3}[0-9a-f]{2}$/);
    await page.close();
  });

  it('negotiates a subprotocol, echoes, and closes with the reader’s code in the echo lab', async () => {
    const { page } = await lab.open('/en/websocket');
    const echo = page.getByTestId('echo-lab');
    await echo.getByRole('button', { name: 'Connect' }).click();
    await echo.getByTestId('echo-selected').filter({ hasText: 'selected chat' }).waitFor();
    await echo.getByRole('button', { name: 'Send text' }).click();
    const log = echo.getByTestId('echo-log');
    await log.getByText('← Echo received (text): hello').waitFor();
    await echo.getByRole('button', { name: 'Send binary' }).click();
    await log.getByText('← Echo received (binary): 68 65 6c 6c 6f').waitFor();
    // What the reader sent stands above the echo it caused.
    expect((await log.locator('li').allTextContents()).slice(1, 5)).toEqual([
      '→ Sent (text): hello',
      '← Echo received (text): hello',
      '→ Sent (binary): 68 65 6c 6c 6f',
      '← Echo received (binary): 68 65 6c 6c 6f',
    ]);
    await echo.getByRole('button', { name: 'Show the last frames' }).click();
    await echo.getByTestId('frame-list').waitFor();
    await echo.getByLabel('Close code').fill('4000');
    await echo.getByLabel('Reason').fill('bye');
    await echo.getByRole('button', { name: 'Close' }).click();
    await log.getByText('→ Sent a Close frame: code 4000, reason “bye”').waitFor();
    await log.getByText('Closed: code 4000, reason “bye”').waitFor();
    await page.close();
  });
});
