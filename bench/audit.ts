// `npm run audit`: Lighthouse (mobile defaults: an emulated phone, simulated slow 4G and a 4x slower
// CPU) on six pages of the production server, three runs each, the median reported. Exits 1 when a
// page's median misses its target: performance 95, accessibility, best practices and SEO 100.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import { generateLocalhostCertificate } from '../server/tls';
import { chromiumArgs, requireChromium } from './chromium';
import { median, startServerOnOwnOrigin } from './processes';

const PAGES = ['/', '/en/http2', '/tcp-handshake', '/range-requests', '/websocket', '/en/http-status/404'];
const RUNS = Number(process.env.AUDIT_RUNS ?? 3);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];
const TARGET: Record<Category, number> = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };

async function main(): Promise<void> {
  const { default: lighthouse } = await import('lighthouse');
  // A certificate of its own, trusted by Chromium by its key, so the pages count as secure.
  const tls = await generateLocalhostCertificate();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wirebook-audit-'));
  fs.writeFileSync(path.join(dir, 'cert.pem'), tls.cert);
  fs.writeFileSync(path.join(dir, 'key.pem'), tls.key);
  const server = await startServerOnOwnOrigin({
    TLS_CERT: path.join(dir, 'cert.pem'),
    TLS_KEY: path.join(dir, 'key.pem'),
    LOG_LEVEL: 'warn',
  });
  const origin = `https://localhost:${server.port}`;
  const chrome = await chromeLauncher.launch({
    chromePath: requireChromium(),
    chromeFlags: ['--headless=new', ...chromiumArgs(tls.cert)],
  });
  // Lighthouse's trace now and then misses the navigation on a busy machine (NO_NAVSTART): such a run is redone.
  const audit = async (url: string, attempts = 3) => {
    for (let attempt = 1; ; attempt++) {
      const lhr = (await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' }))?.lhr;
      if (lhr && !lhr.runtimeError) return lhr;
      if (attempt >= attempts)
        throw new Error(`Lighthouse failed on ${url}: ${lhr?.runtimeError?.message ?? 'no result'}`);
    }
  };
  let failed = false;
  try {
    console.log(`Lighthouse ${RUNS}x per page, mobile defaults, median; ${origin}`);
    console.log(`page                  | ${CATEGORIES.map((c) => c.padStart(14)).join(' | ')} | LCP ms | TBT ms`);
    for (const page of PAGES) {
      const runs: { scores: Record<Category, number>; lcp: number; tbt: number }[] = [];
      for (let run = 0; run < RUNS; run++) {
        const lhr = await audit(origin + page);
        runs.push({
          scores: Object.fromEntries(
            CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
          ) as Record<Category, number>,
          lcp: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
          tbt: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
        });
      }
      const scores = CATEGORIES.map((c) => median(runs.map((r) => r.scores[c])));
      const missed = CATEGORIES.filter((c, i) => (scores[i] as number) < TARGET[c]);
      failed ||= missed.length > 0;
      console.log(
        `${page.padEnd(21)} | ${scores.map((s) => String(s).padStart(14)).join(' | ')} | ${median(
          runs.map((r) => r.lcp),
        )
          .toFixed(0)
          .padStart(6)} | ${median(runs.map((r) => r.tbt))
          .toFixed(0)
          .padStart(6)}${missed.length ? `  below target: ${missed.join(', ')}` : ''}`,
      );
    }
  } finally {
    chrome.kill();
    server.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
