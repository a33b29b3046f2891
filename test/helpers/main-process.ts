import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/paths';
import { testCertificate } from './test-server';

export const MAIN = path.join(PROJECT_ROOT, 'dist', 'node', 'server', 'main.js');
const ANNOUNCE_REQUESTS = path.join(PROJECT_ROOT, 'test', 'fixtures', 'announce-requests.mjs');
/** The server's PUBLIC_ORIGIN: canonical URLs, and the Origin its pages open the feed from. */
export const TEST_PUBLIC_ORIGIN = 'https://wirebook.test';
/** The line main.ts prints once every port listens, with the ports as bound. */
const SERVING = /Wirebook is serving https:\/\/[^/]+:(\d+)\/(?: \(and ([^)]*)\))?[^\n]*\n/;

/** The built server (`dist/node/server/main.js`) running as its own process, as `npm start` runs it. */
export interface MainProcess {
  child: ChildProcess;
  pid: number;
  /** The ports as the server printed them; null for one it does not listen on. */
  port: number;
  httpPort: number | null;
  /** The HTTP/1.1-only lab port. */
  h1Port: number | null;
  /** The certificate the server presents, for clients to trust. */
  cert: string;
  /** https://localhost:<port>. */
  origin: string;
  /** Its PUBLIC_ORIGIN (TEST_PUBLIC_ORIGIN): a feed client must send it as its Origin. */
  publicOrigin: string;
  stdout: string[];
  /** Resolves once the server has printed something matching `pattern`. */
  printed(pattern: RegExp): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

export interface MainOptions {
  /** A module to --require before the server, for tests that inject faults. */
  preload?: string;
  /** Options for node itself (V8's among them), before the server's own arguments. */
  nodeArgs?: string[];
  logLevel?: string;
  /** The TLS port; one the server picks when absent. */
  port?: number;
  /** More environment variables (IDLE_TIMEOUT_MS and the like); they win over the defaults. */
  env?: Record<string, string>;
  /** Keep what the server writes to stderr in `stderr` rather than passing it through. */
  captureStderr?: boolean;
}

/** The built server's process as spawned, before it serves (or as it refuses to start). */
export type SpawnedMain = Pick<MainProcess, 'child' | 'stdout' | 'printed' | 'exited'> & {
  /** What it wrote to stderr, when captured. */
  stderr: string[];
};

/**
 * Spawns the built server on 127.0.0.1 with the test certificate, printing a line as each request
 * reaches its HTTP/1.1-only port (test/fixtures/announce-requests.mjs).
 */
export async function spawnMain({
  preload,
  nodeArgs = [],
  logLevel = 'silent',
  port,
  env = {},
  captureStderr = false,
}: MainOptions = {}): Promise<SpawnedMain> {
  const tls = await testCertificate();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wirebook-tls-'));
  fs.writeFileSync(path.join(dir, 'cert.pem'), tls.cert);
  fs.writeFileSync(path.join(dir, 'key.pem'), tls.key);
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', ANNOUNCE_REQUESTS, ...(preload ? ['--require', preload] : []), MAIN],
    {
      env: {
        ...process.env,
        PORT: String(port ?? 0),
        HTTP_PORT: '0',
        H1_PORT: '0',
        TILE_DELAY_MS: '1500',
        HOST: '127.0.0.1',
        TLS_CERT: path.join(dir, 'cert.pem'),
        TLS_KEY: path.join(dir, 'key.pem'),
        PUBLIC_ORIGIN: TEST_PUBLIC_ORIGIN,
        LOG_LEVEL: logLevel,
        ...env,
      },
      stdio: ['ignore', 'pipe', captureStderr ? 'pipe' : 'inherit'],
    },
  );
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  exited.finally(() => fs.rmSync(dir, { recursive: true, force: true }));
  const printed = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stdout.join(''));
        if (!match) return false;
        child.stdout?.off('data', check);
        resolve(match);
        return true;
      };
      child.stdout?.on('data', check);
      if (!check())
        exited.then(() => reject(new Error(`server exited before printing ${pattern}: ${stdout.join('')}`)));
    });
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(String(chunk)));
  return { child, stdout, stderr, printed, exited };
}

/** The built server, started by spawnMain; resolves once it prints its "serving" line with its ports. */
export async function startMain(options: MainOptions = {}): Promise<MainProcess> {
  return serving(await spawnMain(options));
}

/** A spawned server once it prints its "serving" line, with its ports as bound. */
export async function serving({ child, stdout, printed, exited }: SpawnedMain): Promise<MainProcess> {
  const tls = await testCertificate();
  const [, tlsPort, extras = ''] = await printed(SERVING);
  const portIn = (pattern: RegExp) => (pattern.exec(extras) ? Number(pattern.exec(extras)?.[1]) : null);
  return {
    child,
    pid: child.pid as number,
    port: Number(tlsPort),
    httpPort: portIn(/http on (\d+), redirecting/),
    h1Port: portIn(/HTTP\/1\.1 only on (\d+)/),
    cert: tls.cert,
    origin: `https://localhost:${tlsPort}`,
    publicOrigin: TEST_PUBLIC_ORIGIN,
    stdout,
    printed,
    exited,
  };
}
