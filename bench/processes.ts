// What the benchmarks share: free ports, starting a server process, reading its memory.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { PROJECT_ROOT } from '../server/paths';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts a server in production mode on 127.0.0.1:port and waits until it prints `ready`. */
export async function startServer(label: string, args: string[], port: number, ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      H1_PORT: 'off',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk;
      if (seen.includes(ready)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`${label} exited with ${code}`)));
  });
  child.stdout?.resume(); // keep draining the request log
  return child;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]);
}

/** Resident set size of a process now, in MB. */
export const rssMb = (pid: number) => statusKb(pid, 'VmRSS') / 1024;
/** Peak resident set size of a process so far (VmHWM), in MB. */
export const peakRssMb = (pid: number) => statusKb(pid, 'VmHWM') / 1024;
