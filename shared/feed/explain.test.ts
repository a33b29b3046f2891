import { explainerOf } from './explain';
import type { FeedEvent } from './protocol';

const event = (channel: FeedEvent['channel'], data: unknown) => ({ id: 1, time: 0, channel, data }) as FeedEvent;

describe('explainerOf', () => {
  it.each([
    [event('tcp', { kind: 'open', connection: 'a' }), 'en', '/en/tcp-handshake#three-messages'],
    [event('tcp', { kind: 'close', connection: 'a', durationMs: 1, closedBy: 'reset' }), 'zh', '/tcp-teardown#rst'],
    [
      event('tcp', { kind: 'close', connection: 'a', durationMs: 1, closedBy: 'client' }),
      'zh',
      '/tcp-teardown#who-closes-first',
    ],
    [
      event('tls', { connection: 'a', alpn: 'h2', version: 'TLSv1.3', cipher: 'x', resumed: false }),
      'en',
      '/en/tcp-handshake#fast-open-and-tls',
    ],
    [event('h2', { kind: 'stream-open', connection: 'a', streamId: 3 }), 'en', '/en/http2#streams'],
    [event('h2', { kind: 'stream-close', connection: 'a', streamId: 3, rstCode: 8 }), 'en', '/en/http2#rst-goaway'],
    [event('h2', { kind: 'goaway', connection: 'a', code: 0, sentBy: 'server' }), 'en', '/en/http2#rst-goaway'],
    [
      event('http', {
        connection: 'a',
        streamId: 1,
        method: 'GET',
        route: '/',
        status: 404,
        protocol: 'h2',
        bytes: 1,
        ms: 1,
      }),
      'zh',
      '/http-status/404',
    ],
    [event('feed', { kind: 'close', socket: 's', connection: 'a', code: 1001 }), 'en', '/en/websocket#closing'],
    [event('readers', { counts: {} }), 'zh', '/#live-wire'],
  ] as const)('links %j in %s to %s', (e, locale, href) => {
    expect(explainerOf(e, locale)).toBe(href);
  });
});
