import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { BUILD_INPUTS } from '../../build/run-build';
import { PROJECT_ROOT } from '../../server/paths';
import { launchChromium } from '../helpers/browser';
import { testCertificate } from '../helpers/test-server';
import { waitFor } from '../helpers/wait';

/** What `npm run dev` needs of a checkout: what the build reads, and the scripts; node_modules is linked, not copied. */
const CHECKOUT = [...BUILD_INPUTS, 'package.json'];
/** Each step waits this long at most: a rebuild, a restart and a reload. */
const STEP_MS = 90_000;

/** Waits for `check` for a rebuild, a restart and a reload at most. */
const until = (what: string, check: () => Promise<boolean>) =>
  waitFor(what, check, { timeoutMs: STEP_MS, everyMs: 100 });

describe('npm run dev', () => {
  let dir: string;
  let dev: ChildProcess;
  let output = '';
  let browser: Browser;
  let page: Page;
  let origin: string;
  const loads: number[] = [];
  const hydrationErrors: string[] = [];

  /** Replaces `from` (which must be there) by `to` in a file of the copy. */
  const edit = (file: string, from: string, to: string) => {
    const full = path.join(dir, file);
    const text = fs.readFileSync(full, 'utf8');
    expect(text).toContain(from);
    fs.writeFileSync(full, text.replace(from, to));
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wirebook-dev-'));
    for (const entry of CHECKOUT) fs.cpSync(path.join(PROJECT_ROOT, entry), path.join(dir, entry), { recursive: true });
    fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    const tls = await testCertificate();
    fs.writeFileSync(path.join(dir, 'cert.pem'), tls.cert);
    fs.writeFileSync(path.join(dir, 'key.pem'), tls.key);
    // Its own process group, so the test can stop the supervisor, the server and webpack's workers together.
    dev = spawn(process.execPath, ['--import', 'tsx', path.join(dir, 'build', 'dev.ts')], {
      cwd: dir,
      detached: true,
      env: {
        ...process.env,
        PORT: '0',
        H1_PORT: 'off',
        HOST: '127.0.0.1',
        TLS_CERT: path.join(dir, 'cert.pem'),
        TLS_KEY: path.join(dir, 'key.pem'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    dev.stdout?.on('data', (chunk: Buffer) => (output += chunk));
    dev.stderr?.on('data', (chunk: Buffer) => (output += chunk));
    await until('the dev server', async () => /Wirebook is serving https:\/\/[^:]+:\d+\//.test(output)).catch(
      (error: Error) => {
        throw new Error(`${error.message}; npm run dev said:\n${output}`);
      },
    );
    const port = /Wirebook is serving https:\/\/[^:]+:(\d+)\//.exec(output)?.[1];
    origin = `https://localhost:${port}`;
    browser = await launchChromium(tls.cert);
    page = await browser.newPage();
    page.on('load', () => loads.push(Date.now()));
    page.on('console', (message) => {
      if (/hydrat/i.test(message.text())) hydrationErrors.push(message.text());
    });
    const reloadStream = page.waitForResponse((response) => response.url().endsWith('/__wirebook/dev/events'));
    await page.goto(`${origin}/en/architecture`);
    await reloadStream;
  }, STEP_MS + 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dev?.pid && dev.exitCode === null) {
      const exited = new Promise((resolve) => dev.once('exit', resolve));
      process.kill(-dev.pid, 'SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'shows an edited lesson without touching the terminal or the browser',
    async () => {
      const before = loads.length;
      edit('pages/architecture/content.en.md', 'title: How Wirebook works', 'title: How Wirebook really works');
      // A new document (the page reloaded itself; nothing here navigates) with the new title.
      await until(
        'the page to reload with the edited title',
        async () => loads.length > before && (await page.title()).startsWith('How Wirebook really works'),
      );
    },
    STEP_MS + 5000,
  );

  it(
    'shows an edited component from the rebuilt bundle, hydrated without a mismatch',
    async () => {
      // This figure appears only once the island has hydrated: the browser ran the new bundle.
      edit(
        'pages/architecture/islands.tsx',
        '<dd data-testid="hydration-ms">',
        '<dd data-testid="hydration-ms" data-edited="yes">',
      );
      await until('the edited island', async () =>
        page.evaluate(
          () => document.querySelector<HTMLElement>('[data-testid="hydration-ms"]')?.dataset.edited === 'yes',
        ),
      );
      expect(hydrationErrors).toEqual([]);
    },
    STEP_MS + 5000,
  );

  it(
    'shows an edited server module',
    async () => {
      edit(
        'server/document.ts',
        '<meta name="color-scheme" content="light dark">',
        '<meta name="color-scheme" content="light">',
      );
      await until('the edited head', async () =>
        page.evaluate(() => document.querySelector('meta[name="color-scheme"]')?.getAttribute('content') === 'light'),
      );
    },
    STEP_MS + 5000,
  );
});
