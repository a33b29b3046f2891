import fs from 'node:fs';
import http2 from 'node:http2';
import path from 'node:path';
import { DEV_EVENTS_ROUTE, DEV_SCRIPT_ROUTE } from '../../server/dev-reload';
import { CLIENT_BUILD_DIR } from '../../server/paths';
import { h2Request, startTestServer, type TestServer } from '../helpers/test-server';

/** Reads an EventSource stream until it has sent `count` events; returns them and the open stream. */
function readEvents(server: TestServer, count: number) {
  const session = http2.connect(server.origin, { ca: server.cert });
  const stream = session.request({ ':path': DEV_EVENTS_ROUTE, accept: 'text/event-stream' });
  const events = new Promise<{ headers: http2.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    let headers: http2.IncomingHttpHeaders = {};
    let text = '';
    stream.on('response', (h) => (headers = h));
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      text += chunk;
      if (text.split('\n\n').length > count) resolve({ headers, text });
    });
    stream.on('error', reject);
  });
  const ended = new Promise<void>((resolve) => stream.on('end', resolve).on('close', resolve));
  return { events, ended, close: () => session.close() };
}

describe('the reload of npm run dev', () => {
  describe('in production', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(() => server.close());

    it.each([DEV_EVENTS_ROUTE, DEV_SCRIPT_ROUTE])('has no %s', async (route) => {
      expect((await h2Request(server, { ':path': route })).status).toBe(404);
    });

    it('puts no reload script in a page', async () => {
      const page = await h2Request(server, { ':path': '/en/architecture' });
      expect(page.status).toBe(200);
      expect(page.body.toString()).not.toContain('/__wirebook/');
    });

    it('has no reload code in the production client build', () => {
      const assets = path.join(CLIENT_BUILD_DIR, 'assets');
      const files = fs.readdirSync(assets).filter((name) => name.endsWith('.js'));
      expect(files.length).toBeGreaterThan(0);
      for (const name of files) {
        const code = fs.readFileSync(path.join(assets, name), 'utf8');
        expect(code).not.toContain('/__wirebook/');
        expect(code).not.toContain('new EventSource(');
      }
    });
  });

  describe('in dev', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer({ devReload: true });
    });
    afterAll(() => server.close());

    it("adds the reload script, with the server's version, to every page", async () => {
      const html = (await h2Request(server, { ':path': '/en/architecture' })).body.toString();
      const scripts = [...html.matchAll(/<script defer src="([^"]+)" nonce="[^"]+">/g)].map((m) => m[1]);
      expect(scripts.at(-1)).toMatch(new RegExp(`^${DEV_SCRIPT_ROUTE}\\?v=[0-9a-f]{16}$`));
      const script = await h2Request(server, { ':path': DEV_SCRIPT_ROUTE });
      expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(script.body.toString()).toContain(`new EventSource("${DEV_EVENTS_ROUTE}")`);
    });

    it('streams its version at once, with a short retry, and ends the stream when it closes', async () => {
      const html = (await h2Request(server, { ':path': '/en/architecture' })).body.toString();
      const version = /\?v=([0-9a-f]{16})/.exec(html)?.[1];
      const reader = readEvents(server, 1);
      const { headers, text } = await reader.events;
      expect(headers[':status']).toBe(200);
      expect(headers['content-type']).toMatch(/^text\/event-stream/);
      expect(text).toBe(`retry: 250\nevent: version\ndata: ${version}\n\n`);
      await server.close();
      await reader.ended;
      reader.close();
    });
  });
});
