import { randomBytes } from 'node:crypto';

/**
 * A new id for a connection or a feed socket: 6 random bytes in hex. Random, so it says nothing of
 * the reader or of how many came before; long enough that the ids of every instance sharing one
 * feed never meet (with 3 bytes, two instances could issue the same one, and a reader would see
 * another's events marked as their own).
 */
export const newWireId = (): string => randomBytes(6).toString('hex');

/** What the wire knows of one live connection. Its id is random: the address is never published. */
export interface ConnectionInfo {
  id: string;
  openedAt: number;
  /** Set by the TLS tap once the handshake is done. */
  tls: { alpn: string; version: string; cipher: string } | null;
  /** Who started closing: the first FIN (or, on h2, the first GOAWAY) decides. */
  closeStartedBy: 'client' | 'server' | null;
}

interface RemoteEnd {
  remoteAddress?: string;
  remotePort?: number;
}

/**
 * Live connections by their remote end. The raw TCP socket, its TLS socket and an h2 session's
 * socket proxy are different objects for one connection; the remote address and port are what
 * they share, and they stay inside this map.
 */
export class ConnectionRegistry {
  private readonly live = new Map<string, ConnectionInfo>();
  private readonly ids = new Set<string>();

  open(socket: RemoteEnd, now = Date.now()): ConnectionInfo {
    let id: string;
    do id = newWireId();
    while (this.ids.has(id));
    this.ids.add(id);
    const info: ConnectionInfo = { id, openedAt: now, tls: null, closeStartedBy: null };
    this.live.set(key(socket), info);
    return info;
  }

  find(socket: RemoteEnd): ConnectionInfo | undefined {
    return this.live.get(key(socket));
  }

  close(socket: RemoteEnd): void {
    const info = this.live.get(key(socket));
    if (info) this.ids.delete(info.id);
    this.live.delete(key(socket));
  }

  get size(): number {
    return this.live.size;
  }
}

function key(socket: RemoteEnd): string {
  return `${socket.remoteAddress}|${socket.remotePort}`;
}
