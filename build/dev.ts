// `npm run dev`: webpack watches the client (a development build in .build/dev/client, never
// dist/), the server runs from the sources (tsx) on the same TLS/h2 server as production, and is
// restarted whenever a source it runs or the client build changes. Pages load a script that
// reloads them when the server they came from is replaced (server/dev-reload.ts), so an edited
// lesson, component or server module shows in the browser without touching the terminal.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import webpack, { type Configuration } from 'webpack';
import makeConfig from '../webpack.config';

const root = path.resolve(__dirname, '..');
/** Where the server's own code and what it reads live; a change here restarts it. */
const SERVER_SOURCES = ['server', 'shared', 'pages'];
/** Edits often come as several writes (save, format on save): one restart for all of them. */
const SETTLE_MS = 150;
/** How long a server may take to stop before it is killed. */
const STOP_GRACE_MS = 3000;

const say = (message: string) => process.stdout.write(`[dev] ${message}\n`);

/** The production webpack configuration, in development mode, building into the dev folder. */
function devConfig(): Configuration {
  const config = makeConfig({}, { mode: 'development' });
  return { ...config, output: { ...config.output, path: path.join(root, '.build', 'dev', 'client', 'assets') } };
}

interface Server {
  child: ChildProcess;
  exited: Promise<void>;
}

/** What the first server printed: the ports it bound, pinned for every restart so open pages find the next one. */
const pinned: Record<string, string> = {};
const SERVING = /Wirebook is serving https:\/\/[^:]+:(\d+)\/(?:.*HTTP\/1\.1 only on (\d+))?/;

function startServer(): Server {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], {
    cwd: root,
    env: { LOG_LEVEL: 'warn', ...process.env, ...pinned, WIREBOOK_DEV: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let seen = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (Object.keys(pinned).length > 0) return;
    seen += chunk;
    const match = SERVING.exec(seen);
    if (!match) return;
    pinned.PORT = match[1] as string;
    if (match[2]) pinned.H1_PORT = match[2];
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited };
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const kill = setTimeout(() => server.child.kill('SIGKILL'), STOP_GRACE_MS);
  server.child.kill('SIGTERM');
  await server.exited;
  clearTimeout(kill);
}

function main(): void {
  let server: Server | null = null;
  let clientReady = false;
  let compiling = true;
  let pending: string | null = null;
  let settle: NodeJS.Timeout | null = null;
  let restarting = Promise.resolve();

  // One restart at a time, and none while webpack is still building what the server will serve.
  const restart = (why: string) => {
    pending = why;
    if (!clientReady || compiling) return;
    restarting = restarting.then(async () => {
      if (pending === null) return;
      const reason = pending;
      pending = null;
      if (server) {
        await stopServer(server);
        say(`restarting the server: ${reason}`);
      }
      server = startServer();
    });
  };

  const compiler = webpack(devConfig());
  compiler.hooks.invalid.tap('wirebook-dev', (file) => {
    compiling = true;
    if (file) say(`rebuilding the client: ${path.relative(root, file)} changed`);
  });
  const watching = compiler.watch({ aggregateTimeout: 50 }, (error, stats) => {
    compiling = false;
    if (error || !stats || stats.hasErrors()) {
      process.stderr.write(`${error?.message ?? stats?.toString({ all: false, errors: true, colors: true })}\n`);
      say('the client build failed; the server keeps the last good one');
      return;
    }
    say(`client built in ${(stats.endTime ?? 0) - (stats.startTime ?? 0)} ms`);
    clientReady = true;
    restart(pending ?? 'the client was rebuilt');
  });

  const watchers = SERVER_SOURCES.map((dir) =>
    fs.watch(path.join(root, dir), { recursive: true }, (_event, file) => {
      if (!file || /\.test\.tsx?$/.test(file)) return;
      const changed = path.join(dir, String(file));
      if (settle) clearTimeout(settle);
      settle = setTimeout(() => restart(`${changed} changed`), SETTLE_MS);
    }),
  );

  const quit = () => {
    for (const watcher of watchers) watcher.close();
    watching?.close(() => undefined);
    void restarting.then(async () => {
      if (server) await stopServer(server);
      process.exit(0);
    });
  };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
  // Should this process end any other way, the server it started goes with it.
  process.on('exit', () => server?.child.kill('SIGKILL'));
}

main();
