import { useBrowserLab } from '../helpers/browser';

const lab = useBrowserLab();

describe('drawn diagrams in Chromium', () => {
  it('picks out a byte’s whole field when the reader focuses it, without JavaScript', async () => {
    const context = await lab.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${lab.server.origin}/en/websocket`);
    const map = page.locator('[data-widget=masked-frame]');
    const outlined = (selector: string) =>
      map.locator(selector).evaluateAll((elements) => elements.map((e) => getComputedStyle(e).outlineStyle !== 'none'));
    // The masking key: bytes 2 to 5, field 2.
    expect(await outlined('[data-field="2"]')).toEqual([false, false, false, false, false]);
    await map.locator('.byte-map__byte').nth(3).focus();
    expect(await outlined('[data-field="2"]')).toEqual([true, true, true, true, true]);
    expect(await outlined('[data-field="3"]')).toEqual([false, false, false, false, false, false]);
    // The explanation says which bytes are the key.
    expect(await map.locator('.byte-map__field[data-field="2"] code').textContent()).toBe('37 fa 21 3d');
    await context.close();
  });

  it('draws the HTTP/2 preface and the TCP ladders as SVG, with their words as text', async () => {
    const context = await lab.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${lab.server.origin}/en/http2`);
    const preface = page.locator('[data-widget=preface-ladder] svg.ladder__svg--wide');
    expect(await preface.getAttribute('aria-label')).toContain('Client → PRI * HTTP/2.0');
    expect(await preface.locator('text').allTextContents()).toContain('SETTINGS, ACK');
    await page.goto(`${lab.server.origin}/en/tcp-handshake`);
    const ladder = page.locator('[data-widget=handshake-ladder] svg.sequence__svg--wide');
    expect((await ladder.locator('.sequence__label').allTextContents()).map((t) => t.replace(/\s+/g, ' '))).toEqual([
      'seq=x',
      'seq=y ack=x+1',
      'seq=x+1 ack=y+1',
    ]);
    // An ack has the colour of the seq it acknowledges: x+1 is the client's stream.
    const colours = await ladder
      .locator('.sequence__number')
      .evaluateAll((numbers) => numbers.map((n) => [n.textContent, getComputedStyle(n).fill]));
    const fillOf = (name: string) => colours.filter(([text]) => text?.startsWith(name)).map(([, fill]) => fill);
    expect(new Set(fillOf('x')).size).toBe(1);
    expect(new Set(fillOf('y')).size).toBe(1);
    expect(fillOf('x')[0]).not.toBe(fillOf('y')[0]);
    await context.close();
  });

  it('draws only the steps taken in the step-through ladder', async () => {
    const { page } = await lab.open('/en/tcp-handshake');
    await page.waitForFunction(() => performance.getEntriesByName('wirebook:hydrate').length > 0);
    const ladder = page.locator('[data-testid=handshake-sequence] svg.sequence__svg--wide');
    expect(await ladder.locator('.sequence__step').count()).toBe(0);
    await page.getByTestId('handshake-sequence').getByRole('button', { name: 'Next' }).click();
    expect(await ladder.locator('.sequence__step').count()).toBe(1);
    expect(await ladder.locator('.sequence__flags').allTextContents()).toEqual(['SYN']);
    await page.close();
  });
});
