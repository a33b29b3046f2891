import { thrownBy } from '../../test/helpers/errors';
import { FeedProtocolError, parseClientMessage } from './protocol';

it.each(['', 'websocket', 'http-status/404'])('accepts the page slug %j', (page) => {
  expect(parseClientMessage(JSON.stringify({ type: 'subscribe', channels: ['readers'], page }))).toMatchObject({
    page,
  });
});

describe('parseClientMessage(text)', () => {
  it('reads a subscribe message, removing repeated channels', () => {
    expect(
      parseClientMessage(
        '{"type":"subscribe","channels":["http","tcp","http"],"since":41,"token":"abcdefghijklmnopqrstuv","page":"http2"}',
      ),
    ).toEqual({
      type: 'subscribe',
      channels: ['http', 'tcp'],
      since: 41,
      token: 'abcdefghijklmnopqrstuv',
      page: 'http2',
    });
  });

  it.each([
    ['{not json', 'WB_ERR_FEED_JSON', 1007, 'message is not valid JSON'],
    ['[1,2]', 'WB_ERR_FEED_MESSAGE', 1008, 'message must be a JSON object'],
    ['{"type":"publish"}', 'WB_ERR_FEED_MESSAGE', 1008, 'unknown message type: "publish"'],
    [
      '{"type":"subscribe","channels":[]}',
      'WB_ERR_FEED_MESSAGE',
      1008,
      'channels must be a non-empty list drawn from tcp, tls, h2, http, feed, readers, sockets',
    ],
    [
      '{"type":"subscribe","channels":["ip-addresses"]}',
      'WB_ERR_FEED_MESSAGE',
      1008,
      'channels must be a non-empty list drawn from tcp, tls, h2, http, feed, readers, sockets',
    ],
    [
      '{"type":"subscribe","channels":["tcp"],"since":-1}',
      'WB_ERR_FEED_MESSAGE',
      1008,
      'since must be a non-negative integer',
    ],
    [
      '{"type":"subscribe","channels":["tcp"],"since":1.5}',
      'WB_ERR_FEED_MESSAGE',
      1008,
      'since must be a non-negative integer',
    ],
    ['{"type":"subscribe","channels":["tcp"],"token":"<script>"}', 'WB_ERR_FEED_MESSAGE', 1008, 'token is malformed'],
    ['{"type":"subscribe","channels":["tcp"],"page":"../../etc"}', 'WB_ERR_FEED_MESSAGE', 1008, 'page is malformed'],
    ['{"type":"subscribe","channels":["tcp"],"page":"http-status/"}', 'WB_ERR_FEED_MESSAGE', 1008, 'page is malformed'],
    ['{"type":"subscribe","channels":["tcp"],"page":"a/b/c"}', 'WB_ERR_FEED_MESSAGE', 1008, 'page is malformed'],
  ])('rejects %s with %s and close code %d', (text, code, closeCode, message) => {
    const error = thrownBy(() => parseClientMessage(text));
    expect(error).toBeInstanceOf(FeedProtocolError);
    expect(error).toMatchObject({ code, closeCode, message });
  });
});
