import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { chromiumArgs, requireChromium } from '../../bench/chromium';
import { startTestServer, type TestServer, type TestServerOptions } from './test-server';

/**
 * Debian's Chromium, headless. `npm test` installs it first (test/ensure-tools.sh); when it is
 * missing anyway, this fails saying how to get it rather than skipping the browser tests.
 */
export function launchChromium(trustedCert?: string): Promise<Browser> {
  return chromium.launch({ executablePath: requireChromium(), args: chromiumArgs(trustedCert) });
}

/** Everything the page said on its console or threw, to assert there was nothing. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

export interface BrowserLab {
  server: TestServer;
  browser: Browser;
  /** A context in a browser that trusts the test server's certificate. */
  context: BrowserContext;
  /** A new tab at `path`, recording its console problems, once it has loaded. */
  open(path: string): Promise<{ page: Page; problems: string[] }>;
}

/** The real server and Chromium for one test file: started before its tests, stopped after. */
export function useBrowserLab(options: TestServerOptions = {}): BrowserLab {
  const lab = {} as BrowserLab;
  beforeAll(async () => {
    lab.server = await startTestServer(options);
    lab.browser = await launchChromium(lab.server.cert);
    lab.context = await lab.browser.newContext();
  });
  afterAll(async () => {
    await lab.browser?.close();
    await lab.server?.close();
  });
  lab.open = async (path) => {
    const page = await lab.context.newPage();
    const problems = collectProblems(page);
    await page.goto(lab.server.origin + path, { waitUntil: 'load' });
    return { page, problems };
  };
  return lab;
}
