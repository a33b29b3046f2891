import http2 from 'node:http2';
import { createHash } from 'node:crypto';
import { ifRangeMatches, PACE_HEADER } from '../../server/files/serve-demo-file';
import { DEFAULT_SLOW_LANE_LIMITS } from '../../server/files/slow-lanes';
import { BAD_PACE } from '../../shared/lab-pace';
import { client, PROTOCOLS } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const FILE = '/lab/files/1mb.bin';
const LENGTH = 1 << 20;
const binary = (
  res: { on: (event: string, cb: (chunk?: Buffer) => void) => void },
  done: (err: Error | null, body: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk) => chunks.push(chunk as Buffer));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe.each(PROTOCOLS)('demo files over %s', (protocol) => {
  const http = () => client(server, protocol);
  let whole: Buffer;
  let etag: string;
  beforeAll(async () => {
    const res = await http().get(FILE).buffer(true).parse(binary).expect(200);
    whole = res.body as Buffer;
    etag = String(res.headers.etag);
  });

  it('serves the whole file with Accept-Ranges, a strong ETag and a Repr-Digest that matches its bytes', async () => {
    const res = await http().head(FILE).expect(200);
    expect(whole.length).toBe(LENGTH);
    expect(res.headers).toMatchObject({
      'accept-ranges': 'bytes',
      'content-length': String(LENGTH),
      'content-type': 'application/octet-stream',
    });
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(res.headers['repr-digest']).toBe(`sha-256=:${createHash('sha256').update(whole).digest('base64')}:`);
  });

  it.each([
    ['bytes=0-499', 0, 499],
    ['bytes=1000-', 1000, LENGTH - 1],
    ['bytes=-500', LENGTH - 500, LENGTH - 1],
    ['bytes=1048000-9999999', 1048000, LENGTH - 1],
  ])('answers %s with 206 and exactly those bytes', async (range, start, end) => {
    const res = await http().get(FILE).set('Range', range).buffer(true).parse(binary).expect(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${LENGTH}`);
    expect(res.headers['content-length']).toBe(String(end - start + 1));
    expect((res.body as Buffer).equals(whole.subarray(start, end + 1))).toBe(true);
  });

  it('answers several ranges with multipart/byteranges, each part with its Content-Range', async () => {
    const res = await http().get(FILE).set('Range', 'bytes=0-9, 5000-5009, -10').buffer(true).parse(binary).expect(206);
    const boundary = /boundary=(\w+)/.exec(String(res.headers['content-type']))?.[1];
    expect(res.headers['content-type']).toBe(`multipart/byteranges; boundary=${boundary}`);
    const body = res.body as Buffer;
    expect(Number(res.headers['content-length'])).toBe(body.length);
    const parts = body.toString('latin1').split(`--${boundary}`).slice(1, -1);
    expect(parts.map((p) => /Content-Range: (.*)\r\n/.exec(p)?.[1])).toEqual([
      `bytes 0-9/${LENGTH}`,
      `bytes 5000-5009/${LENGTH}`,
      `bytes ${LENGTH - 10}-${LENGTH - 1}/${LENGTH}`,
    ]);
    expect(
      Buffer.from(String(parts[1]?.split('\r\n\r\n')[1]).slice(0, 10), 'latin1').equals(whole.subarray(5000, 5010)),
    ).toBe(true);
    expect(body.toString('latin1').endsWith(`--${boundary}--\r\n`)).toBe(true);
  });

  it('answers a partial PUT (Content-Range on a PUT) with 400, as RFC 9110 §14.5 asks of a server without it', async () => {
    const res = await http().put(FILE).set('Content-Range', 'bytes 0-3/4').send('abcd').expect(400);
    expect(res.text).toMatch(/partial PUT/);
  });

  it('answers any other PUT with 405 and Allow, like every other method the files do not take', async () => {
    const res = await http().put(FILE).send('abcd').expect(405);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it('answers an unsatisfiable range with 416 and Content-Range: bytes */length', async () => {
    const res = await http().get(FILE).set('Range', `bytes=${LENGTH}-`).expect(416);
    expect(res.headers['content-range']).toBe(`bytes */${LENGTH}`);
  });

  it.each(['bytes=9-1', 'items=0-9', 'bytes=abc'])(
    'ignores the invalid or foreign Range %p and sends the whole file',
    async (range) => {
      const res = await http().head(FILE).set('Range', range).expect(200);
      expect(res.headers['content-length']).toBe(String(LENGTH));
    },
  );

  it('applies If-Range with the current ETag (206) and not with another (200)', async () => {
    await http().get(FILE).set('Range', 'bytes=0-9').set('If-Range', etag).expect(206);
    const res = await http().head(FILE).set('Range', 'bytes=0-9').set('If-Range', '"changed"');
    expect(res.status).toBe(200);
  });

  it('answers If-None-Match with 304', async () => {
    await http().get(FILE).set('If-None-Match', etag).expect(304);
  });

  it('answers an unknown file with 404', async () => {
    await http().get('/lab/files/secret.bin').expect(404);
  });
});

describe.each(PROTOCOLS)('slow mode over %s', (protocol) => {
  const http = () => client(server, protocol);

  it('paces ?pace=slow at the slow rate: 256 KiB, the same bytes, over about a second', async () => {
    const whole = await http().get(FILE).set('Range', 'bytes=0-262143').buffer(true).parse(binary).expect(206);
    const started = Date.now();
    const res = await http()
      .get(`${FILE}?pace=slow`)
      .set('Range', 'bytes=0-262143')
      .buffer(true)
      .parse(binary)
      .expect(206);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(res.headers[PACE_HEADER.toLowerCase()]).toBe('slow');
    expect((res.body as Buffer).equals(whole.body as Buffer)).toBe(true);
    expect(whole.headers[PACE_HEADER.toLowerCase()]).toBe('full');
  });

  it.each(['fast', 'SLOW', ''])('answers ?pace=%s with 400 and what pace may be', async (value) => {
    const res = await http().get(`${FILE}?pace=${value}`).expect(400);
    expect(res.text).toBe(`${BAD_PACE}\n`);
  });

  it('answers a repeated pace with 400 too', async () => {
    await http().get(`${FILE}?pace=slow&pace=slow`).expect(400);
  });
});

describe('slow mode’s lanes', () => {
  it('sends an address’s paced bodies past its cap at full speed, and paces again once one ends', async () => {
    const session = http2.connect(server.origin, { ca: server.cert });
    const open = (range: string) =>
      new Promise<{ pace: unknown; stream: http2.ClientHttp2Stream }>((resolve, reject) => {
        const stream = session.request({ ':path': `${FILE}?pace=slow`, range });
        stream.on('error', reject);
        stream.on('response', (headers) => resolve({ pace: headers[PACE_HEADER.toLowerCase()], stream }));
      });
    try {
      const held = await Promise.all(
        Array.from({ length: DEFAULT_SLOW_LANE_LIMITS.perAddress }, () => open('bytes=0-1048575')),
      );
      expect(held.map((r) => r.pace)).toEqual(held.map(() => 'slow'));
      const over = await open('bytes=0-9');
      expect(over.pace).toBe('full');
      over.stream.close(http2.constants.NGHTTP2_CANCEL);
      const closed = new Promise((resolve) => held[0]?.stream.once('close', resolve));
      held[0]?.stream.close(http2.constants.NGHTTP2_CANCEL);
      await closed;
      const again = await open('bytes=0-9');
      expect(again.pace).toBe('slow');
      for (const { stream } of [...held, again]) stream.close(http2.constants.NGHTTP2_CANCEL);
    } finally {
      session.close();
    }
  });
});

describe('ifRangeMatches(ifRange, etag, lastModified)', () => {
  const date = 'Wed, 25 Nov 2026 15:00:00 GMT';
  it.each([
    [undefined, true],
    ['"a"', true],
    ['"b"', false],
    ['W/"a"', false],
    [date, true],
    ['Wed, 25 Nov 2026 15:00:01 GMT', false],
  ])('%p → %p', (ifRange, matches) => {
    expect(ifRangeMatches(ifRange, '"a"', date)).toBe(matches);
  });
});

describe('the per-reader changing file', () => {
  const reader = 'test-reader-0123456789';
  it('changes its bytes and ETag when its reader asks, so If-Range turns a resume into 200', async () => {
    const http = client(server, 'h2');
    const first = await http.head(`/lab/changing/${reader}`).expect(200);
    await http
      .get(`/lab/changing/${reader}`)
      .set('Range', 'bytes=0-9')
      .set('If-Range', String(first.headers.etag))
      .expect(206);
    const changed = await client(server, 'http/1.1').post(`/lab/changing/${reader}`).expect(200);
    expect(changed.body).toEqual({ version: 2 });
    // The resume (a GET with the old ETag in If-Range) gets the whole new file: 200, not 206.
    const session = http2.connect(server.origin, { ca: server.cert });
    const resumed = await new Promise<http2.IncomingHttpHeaders>((resolve) => {
      const stream = session.request({
        ':path': `/lab/changing/${reader}`,
        range: 'bytes=10-19',
        'if-range': first.headers.etag,
      });
      stream.on('response', (headers) => {
        resolve(headers);
        stream.close(http2.constants.NGHTTP2_CANCEL);
      });
    });
    session.close();
    expect(resumed[':status']).toBe(200);
    expect(resumed['content-length']).toBe(String(16 << 20));
    expect(resumed.etag).not.toBe(first.headers.etag);
    expect(resumed['repr-digest']).not.toBe(first.headers['repr-digest']);
    // Another reader's file is untouched.
    const other = await http.head('/lab/changing/another-reader-01234').expect(200);
    expect(other.headers.etag).toBe(first.headers.etag);
  });

  it('refuses a malformed reader id with 404 (GET) and 400 (POST)', async () => {
    await client(server, 'h2').get('/lab/changing/x').expect(404);
    await client(server, 'h2').post('/lab/changing/x').expect(400);
  });
});
