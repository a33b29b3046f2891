import http2 from 'node:http2';
import https from 'node:https';
import tls from 'node:tls';
import express from 'express';
import supertest from 'supertest';
import { STATUS_CODES, type StatusCode } from '../../shared/http-status/registry';
import { client, PROTOCOLS } from '../helpers/clients';
import { h1Request, h2Request, startTestServer, type RawResponse, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** The header fields each code must come with (RFC 9110 §15 and the codes' own RFCs). */
const REQUIRED: Record<number, Record<string, RegExp>> = {
  201: { location: /^\/lab\/status\/200$/ },
  301: { location: /^\/lab\/status\/200$/ },
  302: { location: /^\/lab\/status\/200$/ },
  303: { location: /^\/lab\/status\/200$/ },
  307: { location: /^\/lab\/status\/200$/ },
  308: { location: /^\/lab\/status\/200$/ },
  401: { 'www-authenticate': /^Bearer realm="wirebook-lab"$/ },
  405: { allow: /^OPTIONS$/ },
  429: { 'retry-after': /^\d+$/ },
  451: { link: /rel="blocked-by"/ },
  503: { 'retry-after': /^\d+$/ },
};
const finals = STATUS_CODES.filter((entry) => entry.lab.kind === 'final');
const byKind = (kind: StatusCode['lab']['kind']) =>
  STATUS_CODES.filter((entry) => entry.lab.kind === kind).map((entry) => entry.code);

describe.each(PROTOCOLS)('/lab/status/:code over %s', (protocol) => {
  const http = () => client(server, protocol);

  it.each(finals.map((entry) => [entry.code, entry] as const))(
    '%i answers with itself and the header fields it needs',
    async (code) => {
      const res = await http()
        .get(`/lab/status/${code}`)
        .redirects(0)
        .ok(() => true);
      expect(res.status).toBe(code);
      expect(res.headers['cache-control']).toBe('no-store');
      for (const [name, value] of Object.entries(REQUIRED[code] ?? {})) expect(res.headers[name]).toMatch(value);
      if ([204, 205].includes(code)) expect(res.text ?? '').toBe('');
      // Over HTTP/1.1 a 205 is not bodiless by definition (RFC 9112 §6.3): it says its length is 0.
      if (code === 205 && protocol === 'http/1.1') expect(res.headers['content-length']).toBe('0');
    },
  );

  it('sends 304 only to a matching If-None-Match, and 200 with the ETag otherwise', async () => {
    const first = await http().get('/lab/status/304').expect(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    await http().get('/lab/status/304').set('If-None-Match', '"other"').expect(200);
    const second = await http().get('/lab/status/304').set('If-None-Match', etag).expect(304);
    expect(second.headers.etag).toBe(etag);
  });

  it('sends 206 with Content-Range only to a Range request, and 416 only to one it cannot satisfy', async () => {
    const whole = await http().get('/lab/status/206').expect(200).expect('Accept-Ranges', 'bytes');
    expect(whole.text).toHaveLength(64);
    const partial = await http()
      .get('/lab/status/206')
      .set('Range', 'bytes=0-15')
      .expect(206)
      .expect('Content-Range', 'bytes 0-15/64');
    expect(partial.text).toBe(whole.text.slice(0, 16));
    await http().get('/lab/status/416').expect(200);
    await http().get('/lab/status/416').set('Range', 'bytes=64-').expect(416).expect('Content-Range', 'bytes */64');
  });

  it('ignores Range when If-Range no longer matches, and on HEAD (RFC 9110 §13.1.5, §14.2)', async () => {
    await http().get('/lab/status/206').set('Range', 'bytes=0-3').set('If-Range', '"other"').expect(200);
    await http().head('/lab/status/206').set('Range', 'bytes=0-3').expect(200);
  });

  it('dates its representation the same in a process started at any other time, so instances agree on If-Range', async () => {
    const { headers } = await http().get('/lab/status/206').expect(200);
    const lastModified = headers['last-modified'] as string;
    // The lab as another instance loads it, years later.
    const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2031-06-01T12:00:00Z'));
    let later: typeof import('../../server/labs/status-lab') | undefined;
    await jest.isolateModulesAsync(async () => {
      later = await import('../../server/labs/status-lab');
    });
    clock.mockRestore();
    const other = express().use((later as NonNullable<typeof later>).statusLab());
    await supertest(other).get('/lab/status/206').expect(200).expect('Last-Modified', lastModified);
    await http().get('/lab/status/206').set('Range', 'bytes=0-3').set('If-Range', lastModified).expect(206);
  });

  it('never turns a lab answer into a 304 behind its back', async () => {
    await http().get('/lab/status/201').set('If-None-Match', '*').redirects(0).expect(201);
    await http().get('/lab/status/206').set('Range', 'bytes=0-15').set('If-None-Match', '"status-lab-1"').expect(206);
  });

  it('sends 425 only to a request that says it came in early data', async () => {
    await http().get('/lab/status/425').expect(200);
    await http().get('/lab/status/425').set('Early-Data', '1').expect(425);
  });

  it.each(byKind('explained'))('explains %i with a 400 instead of faking it', async (code) => {
    const res = await http().get(`/lab/status/${code}`).expect(400);
    expect(res.text).toMatch(new RegExp(`does not send ${code}`));
  });

  it.each(['299', '999', 'abc', '1000', '0404', '%20404'])(
    'answers 400 to a code that is not registered: %s',
    async (code) => {
      const res = await http().get(`/lab/status/${code}`).expect(400);
      expect(res.text).toMatch(/not a registered HTTP status code/);
    },
  );

  it('answers an expectation other than 100-continue with its own 417, security headers and all', async () => {
    const res =
      protocol === 'h2'
        ? await h2Request(server, { ':path': '/lab/status/200', expect: 'teapot' })
        : await h1Request(server, '/lab/status/200', { host: 'localhost', expect: 'teapot' });
    expect(res.status).toBe(417);
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('answers OPTIONS with Allow, and other methods with 405 (the 405 resource allows only OPTIONS)', async () => {
    await http().options('/lab/status/200').expect(204).expect('Allow', 'GET, HEAD, OPTIONS');
    await http().delete('/lab/status/200').expect(405).expect('Allow', 'GET, HEAD, OPTIONS');
    await http().post('/lab/status/405').expect(405).expect('Allow', 'OPTIONS');
    await http().options('/lab/status/405').expect(204).expect('Allow', 'OPTIONS');
    await http().delete('/lab/status/100').expect(405).expect('Allow', 'GET, HEAD, OPTIONS, POST, PUT');
  });
});

describe('interim responses from the lab', () => {
  const interimStatuses = (res: RawResponse) => res.informational.map((h) => Number(h[':status']));

  it.each([102, 103])('sends %i before the final 200, over HTTP/2', async (code) => {
    const res = await h2Request(server, { ':path': `/lab/status/${code}` });
    expect(interimStatuses(res)).toEqual([code]);
    expect(res.status).toBe(200);
  });

  it.each([102, 103])('sends %i before the final 200, over HTTP/1.1', async (code) => {
    const res = await h1Request(server, `/lab/status/${code}`, { host: 'localhost' });
    expect(interimStatuses(res)).toEqual([code]);
    expect(res.status).toBe(200);
  });

  it('carries a preload Link in the 103', async () => {
    const res = await h2Request(server, { ':path': '/lab/status/103' });
    expect(res.informational[0]?.link).toMatch(/rel=preload/);
  });

  it('answers Expect: 100-continue with 100 before reading the body', async () => {
    const res = await new Promise<{ continued: boolean; status: number; body: string }>((resolve, reject) => {
      let continued = false;
      const req = https.request({
        host: '127.0.0.1',
        port: server.port,
        path: '/lab/status/100',
        method: 'POST',
        headers: { host: 'localhost', expect: '100-continue', 'content-length': 5 },
        ca: server.cert,
        servername: 'localhost',
        agent: false,
      });
      req.on('continue', () => {
        continued = true;
        req.end('hello');
      });
      req.on('response', (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ continued, status: response.statusCode ?? 0, body }));
      });
      req.on('error', reject);
    });
    expect(res).toEqual({ continued: true, status: 200, body: expect.stringContaining('5 bytes arrived') });
  });

  it('refuses a body declared too large with 413 at once, without a 100 first', async () => {
    const res = await new Promise<{ continued: boolean; status: number }>((resolve, reject) => {
      let continued = false;
      const req = https.request({
        host: '127.0.0.1',
        port: server.port,
        path: '/lab/status/100',
        method: 'POST',
        headers: { host: 'localhost', expect: '100-continue', 'content-length': 100_000 },
        ca: server.cert,
        servername: 'localhost',
        agent: false,
      });
      req.on('continue', () => (continued = true));
      req.on('response', (response) => {
        response.resume();
        resolve({ continued, status: response.statusCode ?? 0 });
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(res).toEqual({ continued: false, status: 413 });
  });

  it('accepts 100-continue in any letter case over HTTP/2, answering from the app', async () => {
    const session = http2.connect(server.origin, { ca: server.cert });
    const statuses = await new Promise<number[]>((resolve, reject) => {
      const seen: number[] = [];
      const stream = session.request(
        { ':method': 'POST', ':path': '/lab/status/100', expect: '100-Continue' },
        { endStream: false },
      );
      stream.on('headers', (headers) => seen.push(Number(headers[':status'])));
      stream.on('continue', () => stream.end('hi'));
      stream.on('response', (headers) => seen.push(Number(headers[':status'])));
      stream.on('end', () => resolve(seen));
      stream.on('error', reject);
      stream.resume();
    });
    session.close();
    expect(statuses).toEqual([100, 200]);
  });

  it.each([102, 103])('never sends %i to an HTTP/1.0 client (RFC 9110 §15.2)', async (code) => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = tls.connect(
        { host: '127.0.0.1', port: server.port, servername: 'localhost', ca: server.cert, ALPNProtocols: ['http/1.1'] },
        () => {
          socket.end(`GET /lab/status/${code} HTTP/1.0\r\nHost: localhost\r\n\r\n`);
        },
      );
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(reply).not.toMatch(new RegExp(`HTTP/1\\.1 ${code}`));
  });

  it('answers 426 for real over HTTP/1.1, and explains over HTTP/2 why it cannot', async () => {
    const h1 = await h1Request(server, '/lab/status/426', { host: 'localhost' });
    expect(h1.status).toBe(426);
    expect(h1.headers.upgrade).toBe('websocket');
    const h2 = await h2Request(server, { ':path': '/lab/status/426' });
    expect(h2.status).toBe(400);
    expect(h2.body.toString()).toMatch(/HTTP\/2 forbids/);
  });

  it('sends the registry name as the HTTP/1.1 reason phrase', async () => {
    const res = await new Promise<string | undefined>((resolve, reject) => {
      https
        .get(
          {
            host: '127.0.0.1',
            port: server.port,
            path: '/lab/status/413',
            headers: { host: 'localhost' },
            ca: server.cert,
            servername: 'localhost',
            agent: false,
          },
          (response) => {
            response.resume();
            resolve(response.statusMessage);
          },
        )
        .on('error', reject);
    });
    expect(res).toBe('Content Too Large');
  });
});

describe('/lab/trace: a request this server makes to itself, interim responses included', () => {
  it.each([
    [103, [103, 200]],
    [102, [102, 200]],
    [100, [100, 200]],
  ])('shows %i before the final response', async (code, statuses) => {
    const res = await client(server, 'h2').get(`/lab/trace?path=/lab/status/${code}`).expect(200);
    expect(res.body.heads.map((head: { status: number }) => head.status)).toEqual(statuses);
    expect(res.body.heads[1].atMs).toBeGreaterThanOrEqual(res.body.heads[0].atMs);
  });

  it("shows a page's own 103 with its assets before the 200", async () => {
    const res = await client(server, 'h2').get('/lab/trace?path=/en/http-status').expect(200);
    const [hints, final] = res.body.heads;
    expect(hints.status).toBe(103);
    expect(hints.headers).toEqual(expect.arrayContaining([['link', expect.stringMatching(/rel=preload; as=script/)]]));
    expect(final.status).toBe(200);
  });

  it('traces the page about 100 with a plain GET, like any page', async () => {
    const res = await client(server, 'h2').get('/lab/trace?path=/en/http-status/100').expect(200);
    expect(res.body.heads.at(-1).status).toBe(200);
  });

  it.each([
    '',
    'https://example.com/',
    '//example.com/',
    '/lab/status/404',
    '/lab/status/101',
    '/lab/trace?path=/',
    '/no-such-page',
  ])('refuses a path that is not a page or an interim lab code: %s', async (path) => {
    const res = await client(server, 'h2')
      .get(`/lab/trace?path=${encodeURIComponent(path)}`)
      .expect(400);
    expect(res.body.error).toMatch(/must be one of this site's pages/);
  });
});

describe('the redirect lab', () => {
  it.each([
    [301, 'GET'],
    [302, 'GET'],
    [303, 'GET'],
    [307, 'POST'],
    [308, 'POST'],
  ])('answers a POST with %i and a Location to the arrival point', async (code) => {
    const res = await client(server, 'h2')
      .post(`/lab/redirect/${code}?lang=en`)
      .type('form')
      .send({ note: 'hi' })
      .redirects(0)
      .expect(code);
    expect(res.headers.location).toBe(`/lab/redirect/arrived?via=${code}&lang=en`);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('reports the method and the body that arrived, as JSON to a script', async () => {
    const res = await client(server, 'h2')
      .post('/lab/redirect/arrived?via=307')
      .set('Accept', 'application/json')
      .type('form')
      .send({ note: '你好 there' })
      .expect(200);
    expect(res.body).toEqual({
      via: 307,
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded',
      bodyBytes: expect.any(Number),
      body: 'note=你好 there',
    });
  });

  it("reports it as a page in the reader's language to a form sent without JavaScript", async () => {
    const res = await client(server, 'http/1.1')
      .get('/lab/redirect/arrived?via=303&lang=en')
      .set('Accept', 'text/html')
      .expect(200)
      .expect('Content-Type', /html/);
    expect(res.text).toContain('The request that arrived after a 303');
    expect(res.text).toContain('<code>GET</code>');
  });

  it.each(['/lab/redirect/300', '/lab/redirect/abc', '/lab/redirect/arrived?via=200', '/lab/redirect/arrived'])(
    'answers 400 to %s',
    async (path) => {
      await client(server, 'h2').post(path).expect(400);
    },
  );

  it('refuses a body over 4 KiB with 413', async () => {
    await client(server, 'h2').post('/lab/redirect/307').type('text').send('x'.repeat(5000)).expect(413);
  });

  it('answers a body that stops arriving with 408 after 10 s, and stays up', async () => {
    const session = http2.connect(server.origin, { ca: server.cert });
    const status = await new Promise<number>((resolve, reject) => {
      const stream = session.request(
        { ':method': 'POST', ':path': '/lab/redirect/307', 'content-length': '100' },
        { endStream: false },
      );
      stream.write('abc');
      stream.on('response', (headers) => resolve(Number(headers[':status'])));
      stream.on('error', reject);
    });
    session.destroy();
    expect(status).toBe(408);
    await client(server, 'h2').get('/lab/status/200').expect(200);
  }, 15_000);

  it('repeats a note of the longest length the form allows in full, and marks a longer body as cut', async () => {
    const note = 'n'.repeat(200);
    const whole = await client(server, 'h2')
      .post('/lab/redirect/arrived?via=307')
      .set('Accept', 'application/json')
      .type('form')
      .send({ note })
      .expect(200);
    expect(whole.body.body).toBe(`note=${note}`);
    const long = await client(server, 'h2')
      .post('/lab/redirect/arrived?via=307')
      .set('Accept', 'application/json')
      .type('text')
      .send('x'.repeat(1000))
      .expect(200);
    expect(long.body.body).toBe(`${'x'.repeat(300)}…`);
  });

  it('shows each form field of what arrived on its own line, decoded', async () => {
    const res = await client(server, 'h2')
      .post('/lab/redirect/arrived?via=308')
      .set('Accept', 'application/json')
      .type('form')
      .send('note=a%26b&x=1')
      .expect(200);
    expect(res.body.body).toBe('note=a&b\nx=1');
  });
});
