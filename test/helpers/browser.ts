import crypto from 'node:crypto';
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { startTestServer, type TestServer, type TestServerOptions } from './test-server';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless. `npm test` installs it first (test/ensure-tools.sh); when it is
 * missing anyway, this fails saying how to get it rather than skipping the browser tests.
 */
export async function launchChromium(trustedCert?: string): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: run "sudo apt-get install -y chromium" (Debian) or set CHROMIUM_PATH.`,
    );
  }
  // Trusting the test certificate by its key, rather than ignoring certificate errors, matters:
  // Chromium acts on 103 Early Hints only on a connection without certificate errors.
  const trust = trustedCert ? [`--ignore-certificate-errors-spki-list=${spkiHash(trustedCert)}`] : [];
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Without the background-networking flags Chromium keeps reaching for Google's hosts.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...trust,
    ],
  });
}

/** The base64 SHA-256 of a certificate's public key, as Chromium's SPKI allow-list takes it. */
function spkiHash(certPem: string): string {
  const spki = crypto.createPublicKey(certPem).export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(spki).digest('base64');
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
