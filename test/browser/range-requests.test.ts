import { useBrowserLab } from '../helpers/browser';

const lab = useBrowserLab();

describe('the Range page in Chromium', () => {
  it('sends the reader’s Range and shows the raw 206 multipart answer', async () => {
    const { page, problems } = await lab.open('/en/range-requests');
    const playground = page.getByTestId('range-playground');
    await playground.getByRole('button', { name: 'Send' }).click();
    await playground.getByTestId('range-status').waitFor();
    expect(await playground.getByTestId('range-status').textContent()).toMatch(/^Status: 206/);
    expect(await playground.getByTestId('range-headers').textContent()).toContain(
      'content-type: multipart/byteranges; boundary=',
    );
    // Which bytes came back, on a bar the file's length, and each part in hex at its own offsets.
    expect(await playground.locator('.range-bar__part').count()).toBe(2);
    expect(await playground.getByTestId('range-bar').getAttribute('aria-label')).toBe(
      'Of the file’s 1048576 bytes, these came back: 0–15, 1000–1007',
    );
    const hex = await playground.getByTestId('range-hex').allTextContents();
    // Each 64 KiB block of the demo file starts with its number: block 0 begins 00 00 00 00.
    expect(hex[0]).toMatch(/^ {7}0 {2}00 00 00 00 /);
    expect(hex[1]).toMatch(/^ {4}1000 {2}(?:[0-9a-f]{2} ){7}[0-9a-f]{2} {2}/);
    await playground.getByLabel('Range', { exact: true }).fill('bytes=99999999-');
    await playground.getByRole('button', { name: 'Send' }).click();
    await playground.getByTestId('range-status').filter({ hasText: '416' }).waitFor();
    expect(await playground.getByTestId('range-headers').textContent()).toContain('content-range: bytes */1048576');
    expect(await playground.locator('.range-bar__part').count()).toBe(0);
    // The 416 is the point, and the playground cancels each body after its first bytes.
    expect(problems.filter((p) => !p.includes('416') && !p.includes('ERR_ABORTED'))).toEqual([]);
    await page.close();
  });

  it('downloads in four segments and verifies the assembled bytes against Repr-Digest', async () => {
    const { page } = await lab.open('/en/range-requests');
    const download = page.getByTestId('segmented-download');
    await download.getByRole('button', { name: 'Start download' }).click();
    await download.getByTestId('download-message').filter({ hasText: 'matches' }).waitFor({ timeout: 20_000 });
    expect(await download.getByTestId('segment-progress').count()).toBe(4);
    await page.close();
  });

  it('in slow mode pauses, and after the file changes under it, If-Range turns the resume into a 200', async () => {
    const { page } = await lab.open('/en/range-requests');
    const download = page.getByTestId('segmented-download');
    await download.getByRole('checkbox', { name: /Slow mode/ }).check();
    await download.getByRole('button', { name: 'Start download' }).click();
    await download.getByRole('button', { name: 'Pause' }).click();
    await download.getByRole('button', { name: 'Change the file under me' }).click();
    await download.getByTestId('download-message').filter({ hasText: 'changed' }).waitFor();
    await download.getByRole('button', { name: 'Resume' }).click();
    await download.getByTestId('download-stale').waitFor();
    expect(await download.getByTestId('download-stale').textContent()).toContain('answered 200');
    await page.close();
  });

  it('in slow mode, a change mid-download resumes at once and marks the segments already received stale', async () => {
    const { page } = await lab.open('/en/range-requests');
    const download = page.getByTestId('segmented-download');
    await download.getByRole('checkbox', { name: /Slow mode/ }).check();
    await download.getByRole('button', { name: 'Start download' }).click();
    // Slow enough that a segment is still under way after some of its bytes have arrived.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=segment-progress]')].some((p) => Number(p.getAttribute('value')) > 0),
    );
    await download.getByRole('button', { name: 'Change the file under me' }).click();
    await download.getByTestId('download-stale').waitFor();
    const marks = await download
      .locator('.segmented__bars li')
      .evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-stale'), row.lastElementChild?.textContent]));
    expect(marks.filter(([stale]) => stale === 'true').length).toBeGreaterThan(0);
    expect(marks.filter(([stale]) => stale === 'true').every(([, label]) => label === 'stale')).toBe(true);
    await page.close();
  });
});
