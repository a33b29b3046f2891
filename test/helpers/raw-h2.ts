import type tls from 'node:tls';
import { HpackEncoder } from '../../shared/hpack';
import {
  CLIENT_PREFACE,
  decodeFrames,
  Flag,
  FrameType,
  pingFrame,
  settingsFrame,
  type Frame,
} from '../../shared/http2/frame';
import { connectTls } from './hostile';
import type { TestServer } from './test-server';

/**
 * A TLS connection speaking h2 by hand: the test decides every frame and how the writes fall into
 * TLS records, which no well-behaved client library lets it do.
 */
export interface RawH2 {
  socket: tls.TLSSocket;
  /** Every frame the server has sent so far. */
  frames: Frame[];
  /** A header block for a request: plain literals, never indexed, so the same call makes the same bytes. */
  block(method: string, path: string, extra?: [string, string][]): Uint8Array;
  /** Resolves when the server has closed the connection. */
  closed: Promise<void>;
  /**
   * Sends a PING and resolves on its ACK: the server reads a connection's frames in order, so by
   * then it has processed everything sent before.
   */
  roundTrip(): Promise<void>;
}

/** Connects, sends the preface and an empty SETTINGS, and acknowledges the server's SETTINGS. */
export async function connectRawH2(
  server: Pick<TestServer, 'port' | 'cert'>,
  /** More TLS options: a `session` to resume, say, when the handshake is not what is under test. */
  options: tls.ConnectionOptions = {},
): Promise<RawH2> {
  const socket = await connectTls(server, 'h2', options);
  socket.on('error', () => undefined); // a test that provokes a reset watches `closed`
  const frames: Frame[] = [];
  const pongs = new Map<string, () => void>();
  let pending: Uint8Array = new Uint8Array(0);
  socket.on('data', (chunk: Buffer) => {
    const { frames: complete, rest } = decodeFrames(Buffer.concat([pending, chunk]));
    frames.push(...complete);
    pending = Uint8Array.from(rest);
    for (const frame of complete)
      if (frame.type === FrameType.PING && frame.flags & Flag.ACK)
        pongs.get(Buffer.from(frame.payload).toString('hex'))?.();
  });
  let pings = 0;
  const roundTrip = () =>
    new Promise<void>((done) => {
      const opaque = Buffer.alloc(8);
      opaque.writeUInt32BE(++pings, 4);
      pongs.set(opaque.toString('hex'), done);
      socket.write(pingFrame(opaque));
    });
  const closed = new Promise<void>((done) => socket.once('close', () => done()));
  socket.write(Buffer.concat([CLIENT_PREFACE, settingsFrame(), settingsFrame([], true)]));
  const encoder = new HpackEncoder({ huffman: 'never' });
  const block = (method: string, path: string, extra: [string, string][] = []) => {
    const fields: [string, string][] = [
      [':method', method],
      [':scheme', 'https'],
      [':authority', `localhost:${server.port}`],
      [':path', path],
      ...extra,
    ];
    return encoder.encode(fields.map(([name, value]) => ({ name, value, indexing: 'without' as const }))).bytes;
  };
  return { socket, frames, block, closed, roundTrip };
}
