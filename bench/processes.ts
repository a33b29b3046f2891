// What the benchmarks share: starting a server process on a port it picks, reading its memory.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { PROJECT_ROOT } from '../server/paths';

/** What both servers print once they listen, with the port they bound. */
export const WIREBOOK_READY = /Wirebook is serving https:\/\/[^:]+:(\d+)\//;
export const BASELINE_READY = /baseline ready on (\d+)/;

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
export async function startServer(label: string, args: string[], ready: RegExp): Promise<ServerProcess> {
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
