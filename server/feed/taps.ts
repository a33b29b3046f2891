import type { Http2SecureServer, Http2Session, ServerHttp2Stream } from 'node:http2';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { ConnectionRegistry } from './connections';
import type { FeedHub } from './hub';

/**
 * Taps on the server's own connection objects: TCP accept and close, the TLS handshake, HTTP/2
 * sessions, streams, resets and GOAWAYs. Each publishes what it saw, under the connection's random id.
 */
export interface ConnectionTaps {
  /** Called by the server code that closes a session, so the GOAWAY it sends is on the wire too. */
  serverClosesSession(session: Http2Session): void;
}

export function tapConnections(server: Http2SecureServer, hub: FeedHub, registry: ConnectionRegistry): ConnectionTaps {
  server.on('connection', (socket: Socket) => {
    const info = registry.open(socket);
    hub.publish('tcp', { kind: 'open', connection: info.id });
    let hadError = false;
    socket.on('error', () => (hadError = true));
    socket.once('close', (closedWithError: boolean) => {
      registry.close(socket);
      hub.publish('tcp', {
        kind: 'close',
        connection: info.id,
        durationMs: Date.now() - info.openedAt,
        closedBy: hadError || closedWithError ? 'reset' : (info.closeStartedBy ?? 'server'),
      });
    });
  });

  server.on('secureConnection', (socket: TLSSocket) => {
    const info = registry.find(socket);
    if (!info) return;
    info.tls = {
      alpn: socket.alpnProtocol || 'http/1.1',
      version: socket.getProtocol() ?? '?',
      cipher: socket.getCipher()?.name ?? '?',
    };
    hub.publish('tls', { connection: info.id, ...info.tls, resumed: socket.isSessionReused() });
    // The TLS socket sees the FINs: 'end' when the client's arrives, 'finish' when ours is sent.
    socket.once('end', () => (info.closeStartedBy ??= 'client'));
    socket.once('finish', () => (info.closeStartedBy ??= 'server'));
  });

  server.on('session', (session: Http2Session) => {
    const info = session.socket && registry.find(session.socket);
    if (!info) return;
    const connection = info.id;
    let streams = 0;
    hub.publish('h2', { kind: 'session-open', connection });
    session.on('stream', (stream: ServerHttp2Stream) => {
      streams++;
      const streamId = stream.id as number;
      let published = false;
      // Published a turn later: a stream reset in the same read as its HEADERS (rapid reset) is
      // closed by then, unanswered, and puts nothing on the wire.
      setImmediate(() => {
        if (stream.closed && !stream.headersSent) return;
        published = true;
        hub.publish('h2', { kind: 'stream-open', connection, streamId });
      });
      stream.once('close', () => {
        if (published) hub.publish('h2', { kind: 'stream-close', connection, streamId, rstCode: stream.rstCode ?? 0 });
      });
    });
    session.on('goaway', (code: number) => {
      info.closeStartedBy ??= 'client';
      hub.publish('h2', { kind: 'goaway', connection, code, sentBy: 'client' });
    });
    session.once('close', () => hub.publish('h2', { kind: 'session-close', connection, streams }));
  });

  return {
    serverClosesSession(session) {
      const info = session.socket && registry.find(session.socket);
      if (!info || session.closed) return;
      info.closeStartedBy ??= 'server';
      hub.publish('h2', { kind: 'goaway', connection: info.id, code: 0, sentBy: 'server' });
    },
  };
}
