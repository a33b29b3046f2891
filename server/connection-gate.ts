import { isIPv4, isIPv6, type Server, type Socket } from 'node:net';

/** What the TLS ports allow each connection: how long it may sit idle, and how many there may be. */
export interface ConnectionLimits {
  /**
   * Inactivity after which a connection is closed: a TLS handshake not finished, an HTTP/2 session
   * (GOAWAY first), an HTTP/1.1 connection between or during requests, a socket after a refused upgrade.
   */
  idleTimeoutMs: number;
  /** Connections over this, in total, are closed as they are accepted, before TLS. */
  maxConnections: number;
  /** Connections over this from one address (IPv6: one /64) are answered 429 or GOAWAY, then closed. */
  maxConnectionsPerAddress: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  idleTimeoutMs: 30_000,
  maxConnections: 4096,
  maxConnectionsPerAddress: 256,
};

/** The message over-cap connections are answered with. */
export const TOO_MANY_CONNECTIONS = 'Too many connections from your address; close some and try again';

/**
 * The key connections are counted under: an IPv4 address (also when IPv4-mapped), or an IPv6
 * address's /64 prefix, since one host commonly holds a whole /64.
 */
export function addressKey(address: string | undefined): string {
  if (address === undefined) return '?';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(address) || !isIPv6(address)) return address;
  const [head = '', tail = ''] = (address.toLowerCase().split('%')[0] ?? '').split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  // An embedded IPv4 tail (::1.2.3.4) fills two groups; only the first four groups matter here.
  const missing = 8 - left.length - right.length - (right.at(-1)?.includes('.') ? 1 : 0);
  const groups = address.includes('::') ? [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** How many of something (connections, sockets, slow bodies) each client address holds now, by addressKey. */
export class AddressCounts {
  private readonly counts = new Map<string, number>();

  /** How many `address` holds. */
  of(address: string | undefined): number {
    return this.counts.get(addressKey(address)) ?? 0;
  }

  /** Counts one more for `address`: how many it holds now, and the function that gives this one back (once). */
  add(address: string | undefined): { held: number; release: () => void } {
    const key = addressKey(address);
    const held = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, held);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left === 0) this.counts.delete(key);
      else this.counts.set(key, left);
    };
    return { held, release };
  }
}

interface RemoteEnd {
  remoteAddress?: string;
  remotePort?: number;
}

const endOf = (socket: RemoteEnd) => `${socket.remoteAddress}|${socket.remotePort}`;

/**
 * Counts a TLS server's connections from the moment they are accepted, per address and in total,
 * and can end them all whatever state they are in (a handshake not begun included). The TCP
 * socket, its TLS socket and an h2 session's socket are different objects for one connection; the
 * remote end is what they share.
 */
export class ConnectionGate {
  private readonly sockets = new Set<Socket>();
  private readonly perAddress = new AddressCounts();
  private readonly overCap = new Set<string>();
  /** Connections whose TLS handshake is done, by remote end. */
  private readonly secured = new Set<string>();

  constructor(readonly limits: ConnectionLimits) {}

  /** Starts counting `server`'s connections; Node itself closes those over the total at accept. */
  watch(server: Server): void {
    server.maxConnections = this.limits.maxConnections;
    server.on('secureConnection', (socket: Socket) => this.secured.add(endOf(socket)));
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      const { held, release } = this.perAddress.add(socket.remoteAddress);
      const end = endOf(socket);
      if (held > this.limits.maxConnectionsPerAddress) this.overCap.add(end);
      socket.once('close', () => {
        this.sockets.delete(socket);
        this.overCap.delete(end);
        this.secured.delete(end);
        release();
      });
    });
  }

  /** Ends the connections whose TLS handshake is not done: none of them has a request in flight. */
  destroyUnsecured(): void {
    for (const socket of this.sockets) if (!this.secured.has(endOf(socket))) socket.destroy();
  }

  /** Whether this connection came when its address already had the most it may have. */
  isOverCap(socket: RemoteEnd): boolean {
    return this.overCap.size > 0 && this.overCap.has(endOf(socket));
  }

  /** Ends every connection at once: the last step of a shutdown whose grace period is over. */
  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}
