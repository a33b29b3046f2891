// What the benchmarks (and the tests that need a redis-server) share: starting a server process on a
// port it picks, starting a redis-server, reading a process's memory.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { PROJECT_ROOT } from '../server/paths';

/** What both servers print once they listen, with the port they bound. */
export const WIREBOOK_READY = /Wirebook is serving https:\/\/[^:]+:(\d+)\//;
export const BASELINE_READY = /baseline ready on (\d+)/;
export const BARE_TLS_READY = /bare tls ready on (\d+)/;

/** The public origin the benchmarks' servers are started with: their port is only known once they listen. */
export const BENCH_ORIGIN = 'https://wirebook.bench';

export interface ServerProcess {
  child: ChildProcess;
  port: number;
}

/**
 * Starts a server in production mode on 127.0.0.1, port 0 (so no other process can take its port
 * between a probe and the listen), and waits until it prints `ready`, whose first group is the port.
 */
export async function startServer(
  label: string,
  args: string[],
  ready: RegExp,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: BENCH_ORIGIN,
      LOG_LEVEL: 'info',
      H1_PORT: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk;
      const match = ready.exec(seen);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`${label} exited with ${code}`)));
  });
  child.stdout?.resume(); // keep draining the request log
  return { child, port };
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]);
}

/** Resident set size of a process now, in MB. */
export const rssMb = (pid: number) => statusKb(pid, 'VmRSS') / 1024;
/** Peak resident set size of a process so far (VmHWM), in MB. */
export const peakRssMb = (pid: number) => statusKb(pid, 'VmHWM') / 1024;

/** Clock ticks per second of /proc's CPU times (USER_HZ): 100 on Linux everywhere that matters. */
const USER_HZ = 100;

/**
 * CPU seconds (user + system) a process has used so far. Unlike wall-clock latency, this barely
 * changes when other work shares the machine, so it measures the design rather than the moment.
 */
export function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), from field 3: utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
}

/** CPU time (user + system) a process has used so far, in ms. */
export const cpuMs = (pid: number): number => cpuSeconds(pid) * 1000;

/** The middle value (the upper middle of an even count). */
export const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * Write system calls (write, writev, sendmsg…) a process has made so far: on loopback each one also
 * pays for the receiving side's TCP processing, so they are most of a feed server's CPU per event.
 */
export function writeSyscalls(pid: number): number {
  return Number(/^syscw: (\d+)$/m.exec(fs.readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]);
}

const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

/** A port nothing listens on just now (redis-server cannot listen on 0 and say which): callers retry on a clash. */
function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A real redis-server on 127.0.0.1:port, without persistence; resolves once it accepts connections. */
export function launchRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'notice'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(Object.assign(new Error(`redis-server exited (${code}): ${output}`), { output })),
    );
  });
}

/** A redis-server on a free port of 127.0.0.1; another port is tried when one is taken meanwhile. */
export async function startRedis(): Promise<{ child: ChildProcess; port: number }> {
  for (let attempt = 0; ; attempt++) {
    const port = await unusedPort();
    try {
      return { child: await launchRedis(port), port };
    } catch (error) {
      if (attempt >= 4 || !String((error as { output?: string }).output).includes('Address already in use'))
        throw error;
    }
  }
}

/**
 * The production server on a free port of 127.0.0.1 with `https://localhost:<port>` as its public
 * origin, so pages loaded from there may open the live feed (a browser's Origin must match);
 * another port is tried when one is taken meanwhile.
 */
export async function startServerOnOwnOrigin(env: Record<string, string> = {}): Promise<ServerProcess> {
  for (let attempt = 0; ; attempt++) {
    const port = await unusedPort();
    try {
      return await startServer('wirebook', ['dist/node/server/main.js'], WIREBOOK_READY, {
        PORT: String(port),
        PUBLIC_ORIGIN: `https://localhost:${port}`,
        ...env,
      });
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
}
