import tls from 'node:tls';
import WebSocket from 'ws';
import type { CapturedFrame } from '../../shared/feed/protocol';
import { computeAccept, decodeFrame, encodeFrame, OPCODE, parseCloseBody } from '../../shared/websocket/frame';
import { isType, openFeed } from '../helpers/feed-client';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function openEcho(protocols: string[], origin = server.origin): Promise<WebSocket> {
  const ws = new WebSocket(`wss://localhost:${server.port}/lab/echo`, protocols, { ca: server.cert, origin });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) =>
      reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })),
    );
    ws.once('error', reject);
  });
}
/** An upgrade over a raw TLS socket, to see the exact response head and send frames ws would refuse to. */
async function rawUpgrade(
  protocols: string[],
): Promise<{ socket: tls.TLSSocket; head: string; rest: () => Buffer; key: string }> {
  const socket = tls.connect({
    port: server.port,
    host: '127.0.0.1',
    servername: 'localhost',
    ca: server.cert,
    ALPNProtocols: ['http/1.1'],
  });
  const key = 'dGhlIHNhbXBsZSBub25jZQ==';
  const protocolLine = protocols.length > 0 ? `Sec-WebSocket-Protocol: ${protocols.join(', ')}\r\n` : '';
  socket.write(
    `GET /lab/echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nOrigin: ${server.origin}\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n${protocolLine}\r\n`,
  );
  let received = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
  await new Promise<void>((resolve) => socket.on('data', () => received.includes('\r\n\r\n') && resolve()));
  const end = received.indexOf('\r\n\r\n');
  return { socket, key, head: received.subarray(0, end).toString(), rest: () => received.subarray(end + 4) };
}
const nextMessage = (ws: WebSocket) =>
  new Promise<{ data: Buffer; isBinary: boolean }>((resolve) =>
    ws.once('message', (data: Buffer, isBinary) => resolve({ data, isBinary })),
  );
const closed = (ws: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );

describe('the echo lab', () => {
  it.each([
    [['chat', 'superchat'], 'chat'],
    [['superchat', 'chat'], 'superchat'],
    [['x-unknown', 'chat'], 'chat'],
    [[], ''],
  ])('offered %j, selects %p: the first it supports, in the client’s order', async (offered, selected) => {
    const ws = await openEcho(offered);
    expect(ws.protocol).toBe(selected);
    ws.terminate();
  });

  it('selects no subprotocol when it supports none offered: 101 without Sec-WebSocket-Protocol (RFC 6455 §4.2.2)', async () => {
    const { socket, head } = await rawUpgrade(['x-unknown', 'y-unknown']);
    expect(head).toMatch(/^HTTP\/1\.1 101 Switching Protocols/);
    expect(head).not.toMatch(/Sec-WebSocket-Protocol/i);
    socket.destroy();
  });

  it('echoes text and binary messages as they were sent', async () => {
    const ws = await openEcho(['chat']);
    ws.send('héllo, 世界');
    expect(await nextMessage(ws)).toEqual({ data: Buffer.from('héllo, 世界'), isBinary: false });
    ws.send(Buffer.from([0, 1, 2, 255]));
    expect(await nextMessage(ws)).toEqual({ data: Buffer.from([0, 1, 2, 255]), isBinary: true });
    ws.terminate();
  });

  it('round-trips a close code and reason', async () => {
    const ws = await openEcho([]);
    ws.close(4001, 'done here');
    expect(await closed(ws)).toEqual({ code: 4001, reason: 'done here' });
  });

  it('pings the browser on request', async () => {
    const ws = await openEcho([]);
    const ping = new Promise<Buffer>((resolve) => ws.once('ping', resolve));
    ws.send('/ping');
    expect(String(await ping)).toBe('wirebook');
    ws.terminate();
  });

  it('returns the real bytes of the socket’s last frames: the client’s masked, the server’s not', async () => {
    const ws = await openEcho([]);
    ws.send('abc');
    await nextMessage(ws);
    ws.send('/inspect');
    const { frames } = JSON.parse(String((await nextMessage(ws)).data)) as { frames: CapturedFrame[] };
    const decoded = frames.map((f) => ({
      direction: f.direction,
      result: decodeFrame(Buffer.from(f.bytes, 'base64')),
    }));
    const sent = decoded.find(
      (d) =>
        d.direction === 'client-to-server' &&
        d.result.complete &&
        new TextDecoder().decode(d.result.frame.payload) === 'abc',
    );
    const echoed = decoded.find(
      (d) =>
        d.direction === 'server-to-client' &&
        d.result.complete &&
        new TextDecoder().decode(d.result.frame.payload) === 'abc',
    );
    expect(sent?.result).toMatchObject({ complete: true, frame: { masked: true, opcode: OPCODE.text } });
    expect(echoed?.result).toMatchObject({ complete: true, frame: { masked: false, opcode: OPCODE.text } });
    ws.terminate();
  });

  it('closes with 1009 on a message over 4 KiB', async () => {
    const ws = await openEcho([]);
    ws.send('x'.repeat(5000));
    expect((await closed(ws)).code).toBe(1009);
  });

  it('closes with 1008 when a client sends too many messages too fast', async () => {
    const ws = await openEcho([]);
    for (let i = 0; i < 21; i++) ws.send(`m${i}`);
    expect(await closed(ws)).toEqual({ code: 1008, reason: 'too many messages; slow down' });
  });

  it('refuses a foreign origin with 403', async () => {
    await expect(openEcho([], 'https://evil.example')).rejects.toMatchObject({ status: 403 });
  });

  it('closes with 1002 on a client frame that is not masked (RFC 6455 §5.1)', async () => {
    const { socket, head, rest, key } = await rawUpgrade([]);
    expect(head).toMatch(/^HTTP\/1\.1 101 Switching Protocols/);
    expect(head).toContain(`Sec-WebSocket-Accept: ${await computeAccept(key)}`);
    socket.write(encodeFrame({ opcode: OPCODE.text, payload: new TextEncoder().encode('unmasked') }));
    await new Promise((resolve) => socket.on('close', resolve));
    const close = decodeFrame(rest());
    expect(close.complete && close.frame.opcode).toBe(OPCODE.close);
    expect(close.complete && parseCloseBody(close.frame.payload).code).toBe(1002);
  });
});

describe('the reader’s own feed socket', () => {
  it('is told its own opening handshake, whose Accept matches its key, without cookies or user agent', async () => {
    const feed = await openFeed(server, { wsOptions: { headers: { Cookie: 'secret=1', 'User-Agent': 'Tester/1.0' } } });
    feed.subscribe({ channels: ['readers'] });
    const handshake = await feed.next(isType('handshake'));
    expect(handshake.request.line).toBe('GET /live HTTP/1.1');
    const key = handshake.request.headers.find(([name]) => name.toLowerCase() === 'sec-websocket-key')?.[1] as string;
    expect(handshake.response.line).toBe('HTTP/1.1 101 Switching Protocols');
    expect(handshake.response.headers).toContainEqual(['Sec-WebSocket-Accept', await computeAccept(key)]);
    expect(handshake.response.headers).toContainEqual(['Sec-WebSocket-Protocol', 'wirebook.v1']);
    expect(JSON.stringify(handshake)).not.toMatch(/secret=1|Tester/);
    feed.ws.terminate();
  });

  it('returns the real bytes of its last frames on request', async () => {
    const feed = await openFeed(server);
    feed.subscribe({ channels: ['readers'] });
    await feed.next(isType('snapshot'));
    feed.ws.send(JSON.stringify({ type: 'inspect' }));
    const { frames } = await feed.next(isType('frames'));
    const decoded = frames.map((f) => decodeFrame(Buffer.from(f.bytes, 'base64')));
    const subscribe = decoded.find(
      (d, i) =>
        frames[i]?.direction === 'client-to-server' &&
        d.complete &&
        new TextDecoder().decode(d.frame.payload).includes('"subscribe"'),
    );
    expect(subscribe).toMatchObject({ complete: true, frame: { masked: true, fin: true, opcode: OPCODE.text } });
    const fromServer = frames.filter((f) => f.direction === 'server-to-client');
    expect(fromServer.length).toBeGreaterThanOrEqual(2);
    // A frame is kept whole, or its payload was cut (long snapshots) and the rest is said to be missing.
    decoded.forEach((d, i) =>
      expect(d.complete || frames[i]!.size > Buffer.from(frames[i]!.bytes, 'base64').length).toBe(true),
    );
    feed.ws.terminate();
  });
});
