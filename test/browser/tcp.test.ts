import { useBrowserLab } from '../helpers/browser';

const lab = useBrowserLab();

describe('the TCP pages in Chromium', () => {
  it('steps the handshake with the keyboard, and both sides’ states change', async () => {
    const { page, problems } = await lab.open('/en/tcp-handshake');
    const diagram = page.getByTestId('handshake-sequence');
    const states = diagram.getByTestId('handshake-sequence-states');
    await states.waitFor({ state: 'attached' });
    expect(await states.textContent()).toBe('CLOSED LISTEN');
    await diagram.getByRole('button', { name: 'Next' }).focus();
    const expected = [
      'SYN_SENT LISTEN',
      'SYN_SENT SYN_RECEIVED',
      'ESTABLISHED SYN_RECEIVED',
      'ESTABLISHED ESTABLISHED',
    ];
    for (const both of expected) {
      await page.keyboard.press('ArrowRight');
      expect(await states.textContent()).toBe(both);
    }
    await page.keyboard.press('ArrowLeft');
    expect(await states.textContent()).toBe('ESTABLISHED SYN_RECEIVED');
    expect(await diagram.getByTestId('handshake-sequence-now').textContent()).toContain('Step 3 of 4');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('runs the state machine: events move the current state along the RFC’s transitions', async () => {
    const { page } = await lab.open('/tcp-handshake');
    const machine = page.getByTestId('state-machine');
    const state = machine.getByTestId('state-machine-state');
    await state.waitFor();
    expect(await state.textContent()).toBe('CLOSED');
    for (const [event, next] of [
      ['主动打开', 'SYN_SENT'],
      ['收到 SYN+ACK', 'ESTABLISHED'],
    ]) {
      await machine.getByRole('button', { name: event, exact: true }).click();
      expect(await state.textContent()).toBe(next);
    }
    await page.close();
  });

  it('starts the teardown page’s state machine where its lesson does, in ESTABLISHED', async () => {
    const { page } = await lab.open('/tcp-teardown');
    const machine = page.getByTestId('state-machine');
    const state = machine.getByTestId('state-machine-state');
    await state.waitFor();
    expect(await state.textContent()).toBe('ESTABLISHED');
    for (const [event, next] of [
      ['关闭', 'FIN_WAIT_1'],
      ['收到 ACK', 'FIN_WAIT_2'],
      ['收到 FIN', 'TIME_WAIT'],
      ['2MSL 超时', 'CLOSED'],
    ]) {
      await machine.getByRole('button', { name: event, exact: true }).click();
      expect(await state.textContent()).toBe(next);
    }
    await machine.getByRole('button', { name: '回到 ESTABLISHED' }).click();
    expect(await state.textContent()).toBe('ESTABLISHED');
    await page.close();
  });

  it('measures a fresh handshake on demand: a new connection each time, its TCP, TLS and first-byte times', async () => {
    const { page, problems } = await lab.open('/en/tcp-handshake');
    const fresh = page.getByTestId('fresh-handshake');
    for (const round of [1, 2]) {
      await fresh.getByRole('button', { name: 'Measure a fresh handshake' }).click();
      await page.waitForFunction(
        (n) =>
          document
            .querySelector('[data-testid=fresh-handshake] [role=status]')
            ?.textContent?.startsWith(`Measurement ${n}:`),
        round,
      );
      for (const phase of ['tcp', 'tls', 'ttfb'])
        expect(await fresh.getByTestId(`fresh-${phase}`).textContent()).toMatch(/^\d+(\.\d+)? ms$/);
    }
    expect(await fresh.locator('dt').allTextContents()).toEqual([
      'TCP handshake',
      'TLS handshake',
      'Time to first byte',
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the server’s real socket states, and they move when connections open', async () => {
    const { page } = await lab.open('/en/tcp-handshake');
    const established = page.getByTestId('socket-states').locator('td[data-state=ESTABLISHED]');
    await established.waitFor();
    const before = Number(await established.textContent());
    const second = await lab.context.browser()!.newContext();
    const other = await second.newPage();
    await other.goto(`${lab.server.origin}/en`);
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=socket-states] td[data-state=ESTABLISHED]')?.textContent) > n,
      before,
    );
    await second.close();
    await page.close();
  });
});
