import { dataFrame, headersFrame, pingFrame, rstStreamFrame } from '../../shared/http2/frame';
import { connectRawH2 } from '../helpers/raw-h2';
import { h2Request, startTestServer, type TestServer } from '../helpers/test-server';

/*
 * Regression: http2-express-bridge reads `req.stream.session` before Express's error handling. A
 * stream reset after its HEADERS were parsed but before its 'request' was dispatched has no session
 * by then, and the bridge threw an uncaught TypeError that ended the process (upstream issue #8).
 * This exact sequence produced it: HEADERS of an open POST and a PING end one TLS record (the PING
 * ACK then in flight pauses reading), and DATA, HEADERS of a GET and RST_STREAM of that GET follow
 * in the next record of the same write.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const RECORD = 512; // the smallest TLS fragment Node allows

// Node dispatches a request with Expect through 'checkContinue' or 'checkExpectation', not 'request'.
it.each([
  ['request', []],
  ['checkContinue', [['expect', '100-continue']]],
  ['checkExpectation', [['expect', 'something-else']]],
] as [string, [string, string][]][])(
  'a stream reset before its %s is dispatched never reaches the app, and the server carries on',
  async (_event, expect3) => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const client = await connectRawH2(server);
      const ping = pingFrame();
      const post = (padding: number) =>
        headersFrame(1, client.block('POST', `/lab/changing/${'r'.repeat(20)}?${'x'.repeat(300)}`), { padding });
      // Pad the POST so HEADERS + PING fill the first record exactly (the pad length octet counts too).
      const headers = post(RECORD - post(0).length - ping.length - 1);
      const first = Buffer.concat([headers, ping]);
      expect(first.length).toBe(RECORD);
      const second = Buffer.concat([
        dataFrame(1, new Uint8Array(10)),
        headersFrame(3, client.block('GET', '/healthz', expect3), { endStream: true }),
        rstStreamFrame(3),
      ]);
      client.socket.setMaxSendFragment(RECORD);
      client.socket.write(Buffer.concat([first, second]));
      // Once a PING sent after them is answered, the server has processed both records.
      await client.roundTrip();
      client.socket.destroy();
      await client.closed;
    }
    const health = await h2Request(server, { ':path': '/healthz' });
    expect(health.status).toBe(200);
  },
);
