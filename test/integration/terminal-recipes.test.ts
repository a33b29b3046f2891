import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withSiteOrigin } from '../../shared/lesson';
import { shellBlocks } from '../helpers/lesson-code';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { loadSite } from '../../server/site';
import { PAGES_CODE_DIR, PAGES_DIR } from '../../server/paths';

/**
 * Every shell command a lesson prints is run here, as printed, against the test server, with the
 * tools `npm test` installs (test/ensure-tools.sh). Each block has its expectation below, keyed
 * `<page>#<n>` (the page's n-th `sh` block): a block without one, or an expectation without its
 * block, fails the test, so a recipe can neither rot nor go untested.
 */
const EXPECTATIONS: Record<string, (out: string, server: TestServer) => void> = {
  'home#0': (out) => {
    expect(out).toMatch(/^HTTP\/2 200/);
    expect(out).toMatch(/^cache-control: private, no-store/im);
  },
  'architecture#0': (out) => expect(out).toBe(''),
  'architecture#1': (out) => {
    expect(out).toMatch(/^New, TLSv1\.3, Cipher is /m);
    expect(out).toMatch(/^ALPN protocol: h2$/m);
    expect(out).toMatch(/^Verify return code: 0 \(ok\)/m);
  },
  'architecture#2': (out) => {
    expect(out).toMatch(/< HTTP\/2 103[\s\S]*< link: [\s\S]*< HTTP\/2 200/);
    expect(out).toMatch(/^< server-timing: render;dur=[\d.]+/im);
    expect(out).toMatch(/^< content-security-policy: /im);
  },
  'tcp-handshake#0': (out) => expect(out).toMatch(/^tcp \d+\.\d+s {2}tls \d+\.\d+s$/m),
  'tcp-handshake#1': (out, server) => {
    expect(out).toMatch(new RegExp(`ESTAB.*:${server.port}\\b`));
    // ts and sack appear only where both SYNs offered them, which some kernels' loopback does not.
    for (const option of [/\bwscale:\d+,\d+/, /\bmss:\d+/, /\brto:\d+/]) expect(out).toMatch(option);
  },
  'tcp-handshake#2': (out) => {
    expect(out).toMatch(/^\d+$/m);
    expect(out).toMatch(/^LISTEN\s+\d+\s+511\s/m);
  },
  'tcp-teardown#0': (out) => expect(out.trim()).toBe('curl exit 28'),
  'tcp-teardown#1': (out) => {
    expect(out).toMatch(/ip_local_port_range:\d+\s+\d+/);
    expect(out).toMatch(/tcp_tw_reuse:\d/);
    expect(out).toMatch(/tcp_fin_timeout:\d+/);
    expect(out).toMatch(/tcp_keepalive_time:\d+/);
  },
  'http-status#0': (out) => expect(out).toMatch(/< HTTP\/2 103[\s\S]*< HTTP\/2 200/),
  'http-status#1': (out) => {
    expect(out).toMatch(/^< HTTP\/2 103/);
    expect(out).toMatch(/^< link: /m);
    expect(out.trim().split('\n').at(-1)).toMatch(/^< HTTP\/2 200/);
  },
  'http-status#2': (out) => {
    const [after303, after307] = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(after303).toMatchObject({ via: 303, method: 'GET', bodyBytes: 0 });
    expect(after307).toMatchObject({ via: 307, method: 'POST', body: 'text=hello' });
  },
  'http-status#3': (out) =>
    expect(out.trim().split('\n')).toEqual([
      expect.stringMatching(/^HTTP\/1\.1 426 /),
      expect.stringMatching(/^HTTP\/2 400/),
    ]),
  'http2#0': (out) => {
    expect(out).toMatch(/ALPN: server accepted h2/);
    expect(out).toMatch(/Stream ID: 1\b|\[1\]/);
    expect(out).toMatch(/< HTTP\/2 103[\s\S]*< HTTP\/2 200/);
  },
  'http2#1': (out) => {
    expect(out).toMatch(/send PRIORITY frame <length=5, flags=0x00, stream_id=3>/);
    expect(out).toMatch(/send HEADERS frame <[^>]*stream_id=13>[\s\S]*dep_stream_id=\d+, weight=\d+/);
    expect(out).toMatch(/recv \(stream_id=13\) :status: 103[\s\S]*recv \(stream_id=13\) :status: 200/);
  },
  'websocket#0': (out) => {
    expect(out).toMatch(/^HTTP\/1\.1 101 Switching Protocols/);
    expect(out).toMatch(/^Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK\+xOo=/im);
    expect(out).not.toMatch(/^Sec-WebSocket-Protocol/im);
  },
  'websocket#1': (out) => expect(out).toMatch(/^HTTP\/1\.1 403 Forbidden/),
  'range-requests#0': (out) => {
    expect(out).toMatch(/^HTTP\/2 206/);
    expect(out).toMatch(/^content-range: bytes 0-99\/1048576/im);
    expect(out).toMatch(/^100 part\.bin$/m);
  },
  'range-requests#1': (out) => {
    const [cut, whole] = [...out.matchAll(/^(\d+) 16mb\.bin$/gm)].map((m) => Number(m[1]));
    expect(cut).toBeGreaterThan(0);
    expect(cut).toBeLessThan(16 << 20);
    expect(whole).toBe(16 << 20);
  },
  'range-requests#2': (out) => {
    expect(out).toMatch(/206 Partial Content/);
    expect(out).toMatch(/11777216 \(\S+\) remaining/);
    expect(out).toMatch(/^identical$/m);
  },
  'range-requests#3': (out) => {
    const [header = '', computed] = out.trim().split('\n');
    expect(header).toMatch(/^repr-digest: sha-256=:[A-Za-z0-9+/=]+:\s*$/i);
    expect(header.split(':')[2]).toBe(computed);
  },
  'range-requests#4': (out) => expect(out).toMatch(/^HTTP\/2 400/),
};

const site = loadSite({ pagesDir: PAGES_DIR, pagesCodeDir: PAGES_CODE_DIR });
// The commands are the same in both locales (the locale-parity test holds them to it); run one.
const recipes = site.all.flatMap((page) =>
  shellBlocks(page.lessons.zh).map((command, index) => ({ key: `${page.slug || 'home'}#${index}`, command })),
);

let server: TestServer;
let workDir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  server = await startTestServer();
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wirebook-recipes-'));
  // The tools trust the test server's self-signed certificate, as the architecture lesson tells a reader to.
  const cert = path.join(workDir, 'localhost.crt');
  fs.writeFileSync(cert, server.cert);
  fs.writeFileSync(path.join(workDir, '.wgetrc'), `ca_certificate = ${cert}\n`);
  // Only SSL_CERT_FILE: a CA bundle or directory set elsewhere in the environment would take precedence.
  const { CURL_CA_BUNDLE: _bundle, SSL_CERT_DIR: _dir, ...inherited } = process.env;
  env = { ...inherited, SSL_CERT_FILE: cert, WGETRC: path.join(workDir, '.wgetrc'), LC_ALL: 'C' };
});
afterAll(async () => {
  await server.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** What the reader's terminal would show: standard output, then standard error. */
function run(command: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', command], { cwd: workDir, env, timeout: 20_000 }, (_error, stdout, stderr) =>
      resolve(String(stdout) + String(stderr)),
    );
  });
}

it('has an expectation for every shell block a lesson prints, and a block for every expectation', () => {
  expect(recipes.map((r) => r.key).sort()).toEqual(Object.keys(EXPECTATIONS).sort());
});

// In page order: a later block of a page may use the files an earlier one made.
it.each(recipes.map((r) => [r.key, r.command] as const))('%s runs as printed', async (key, command) => {
  const out = await run(withSiteOrigin(command, server.origin));
  EXPECTATIONS[key]!(out, server);
});
