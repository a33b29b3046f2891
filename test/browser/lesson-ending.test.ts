import { useBrowserLab } from '../helpers/browser';

const lab = useBrowserLab();

describe('the end of a lesson in Chromium', () => {
  it('asks its self-check questions with the answers closed, and fills in the reader’s own protocol and stream', async () => {
    const { page, problems } = await lab.open('/en/http2');
    const check = page.locator('#self-check').locator('xpath=..');
    const questions = check.locator('details.self-check');
    expect(await questions.count()).toBe(3);
    expect(await questions.first().getAttribute('open')).toBeNull();
    const protocol = questions.first().locator('summary [data-you=protocol]');
    await questions.first().locator('summary [data-you=protocol][data-live]').waitFor({ state: 'attached' });
    expect(await protocol.textContent()).toBe('h2');
    // The page's own stream: odd, as the answer explains.
    expect(Number(await questions.first().locator('summary [data-you=stream]').textContent()) % 2).toBe(1);
    await questions.first().locator('summary').click();
    await expect(questions.first().getAttribute('open')).resolves.toBe('');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('without JavaScript keeps the lesson’s own words where the reader’s values would go, and the answers open', async () => {
    const context = await lab.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${lab.server.origin}/http2`);
    const question = page.locator('details.self-check').first();
    expect(await question.locator('[data-you=protocol]').textContent()).toBe('h2 或 http/1.1');
    await question.locator('summary').click();
    expect(await question.locator('p').first().isVisible()).toBe(true);
    await context.close();
  });
});
