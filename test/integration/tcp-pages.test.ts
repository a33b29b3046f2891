import { TCP_STATES } from '../../shared/tcp/state-machine';
import { client, PROTOCOLS } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const stateOf = (html: string) => JSON.parse(/id="wirebook-state">(.*?)<\/script>/.exec(html)?.[1] as string);

describe.each(PROTOCOLS)('the TCP pages over %s', (protocol) => {
  it.each(['/tcp-handshake', '/en/tcp-handshake'])(
    '%s renders the handshake with random ISNs and the right states, complete without JavaScript',
    async (path) => {
      const html = (await client(server, protocol).get(path).expect(200)).text;
      const { clientIsn, serverIsn } = stateOf(html).fresh;
      expect(Number.isInteger(clientIsn) && clientIsn >= 0 && clientIsn < 2 ** 32).toBe(true);
      // The diagram's segments carry the embedded ISNs, with ack = seq + 1 (mod 2^32).
      expect(html).toContain(`SYN  seq=${clientIsn}`);
      expect(html).toContain(`SYN+ACK  seq=${serverIsn}  ack=${(clientIsn + 1) % 2 ** 32}`);
      expect(html).toContain(`ACK  seq=${(clientIsn + 1) % 2 ** 32}  ack=${(serverIsn + 1) % 2 ** 32}`);
      for (const state of ['CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED'])
        expect(html).toContain(`>${state}<`);
      expect(html).not.toMatch(/SYN_SEND\b/);
      expect(html).toContain('data-testid="state-machine"');
    },
  );

  it.each(['/tcp-teardown', '/en/tcp-teardown'])(
    '%s renders the close through FIN_WAIT_2 and TIME_WAIT, and the whole state machine',
    async (path) => {
      const html = (await client(server, protocol).get(path).expect(200)).text;
      const { clientSeq, serverSeq } = stateOf(html).fresh;
      expect(html).toContain(`FIN  seq=${clientSeq}  ack=${serverSeq}`);
      expect(html).toContain(`ACK  seq=${serverSeq}  ack=${(clientSeq + 1) % 2 ** 32}`);
      for (const state of TCP_STATES) expect(html).toContain(`>${state}<`);
      expect(html).not.toMatch(/SYN_SEND\b/);
    },
  );

  it('chooses new ISNs for every render', async () => {
    const [a, b] = await Promise.all([
      client(server, protocol).get('/en/tcp-handshake'),
      client(server, protocol).get('/en/tcp-handshake'),
    ]);
    expect(stateOf(a.text).fresh).not.toEqual(stateOf(b.text).fresh);
  });
});
