import { http1Size, http1Text, nghttp2NeverIndexes, parseHeaderLines } from './header-lines';

describe('parseHeaderLines', () => {
  it('splits at the first colon after the first character, so pseudo-headers work', () => {
    expect(parseHeaderLines(':method: GET\n:authority: example.com:8443\r\n\n  user-agent:  curl/8 \n')).toEqual({
      headers: [
        { name: ':method', value: 'GET' },
        { name: ':authority', value: 'example.com:8443' },
        { name: 'user-agent', value: 'curl/8' },
      ],
      problems: [],
    });
  });

  it('reports bad lines by number instead of throwing', () => {
    expect(parseHeaderLines('accept\n: x\n:: x\nContent-Type: text/html\nok: 1\n:method GET\n:').problems).toEqual([
      { line: 1, kind: 'no-colon' },
      { line: 2, kind: 'empty-name' },
      { line: 3, kind: 'empty-name' },
      { line: 4, kind: 'upper-case', name: 'Content-Type' },
      { line: 6, kind: 'no-colon' },
      { line: 7, kind: 'empty-name' },
    ]);
  });

  it('allows an empty value', () => {
    expect(parseHeaderLines('x-empty:').headers).toEqual([{ name: 'x-empty', value: '' }]);
  });
});

describe('http1Text and http1Size', () => {
  // RFC 7541 C.4.2, the lesson's second request.
  const c42 = [
    { name: ':method', value: 'GET' },
    { name: ':scheme', value: 'http' },
    { name: ':path', value: '/' },
    { name: ':authority', value: 'www.example.com' },
    { name: 'cache-control', value: 'no-cache' },
  ];

  it("writes C.4.2 as HTTP/1.1 does: 16 + 23 + 25 + 2 = 66 octets, the lesson's figure", () => {
    expect(http1Text(c42)).toBe('GET / HTTP/1.1\r\nhost: www.example.com\r\ncache-control: no-cache\r\n\r\n');
    expect(http1Size(c42)).toBe(66);
  });

  it('puts host first, drops :scheme, and keeps no second host field', () => {
    expect(
      http1Text([{ name: 'accept', value: '*/*' }, ...c42.slice(0, 4), { name: 'host', value: 'www.example.com' }]),
    ).toBe('GET / HTTP/1.1\r\nhost: www.example.com\r\naccept: */*\r\n\r\n');
  });

  it('writes a status line, with the space an empty reason phrase still needs', () => {
    expect(
      http1Text([
        { name: ':status', value: '302' },
        { name: 'location', value: '/x' },
      ]),
    ).toBe('HTTP/1.1 302 \r\nlocation: /x\r\n\r\n');
  });

  it('gives CONNECT its authority as the target', () => {
    expect(
      http1Text([
        { name: ':method', value: 'CONNECT' },
        { name: ':authority', value: 'example.com:443' },
      ]),
    ).toBe('CONNECT example.com:443 HTTP/1.1\r\nhost: example.com:443\r\n\r\n');
  });

  it('joins cookie fields into one with "; " (RFC 9113 §8.2.3)', () => {
    expect(
      http1Text([
        { name: 'cookie', value: 'a=1' },
        { name: 'x', value: 'y' },
        { name: 'cookie', value: 'b=2' },
      ]),
    ).toBe('cookie: a=1; b=2\r\nx: y\r\n\r\n');
  });

  it('counts UTF-8 octets, and a list with no pseudo-header as fields alone', () => {
    expect(http1Size([{ name: 'a', value: 'b' }])).toBe(6 + 2);
    expect(
      http1Size([
        { name: 'x', value: 'é' },
        { name: 'y', value: '' },
      ]),
    ).toBe(7 + 5 + 2);
    expect(http1Size([])).toBe(2);
  });
});

describe('nghttp2NeverIndexes', () => {
  it('marks every authorization field', () => {
    expect(nghttp2NeverIndexes({ name: 'authorization', value: 'Bearer ' + 'x'.repeat(200) })).toBe(true);
    expect(nghttp2NeverIndexes({ name: 'proxy-authorization', value: 'x' })).toBe(false);
  });

  it('marks a cookie under 20 octets, counted as UTF-8, and no longer one', () => {
    expect(nghttp2NeverIndexes({ name: 'cookie', value: 'x'.repeat(19) })).toBe(true);
    expect(nghttp2NeverIndexes({ name: 'cookie', value: 'x'.repeat(20) })).toBe(false);
    expect(nghttp2NeverIndexes({ name: 'cookie', value: 'é'.repeat(10) })).toBe(false); // 20 octets, 10 characters
    expect(nghttp2NeverIndexes({ name: 'set-cookie', value: 'a=1' })).toBe(false);
  });
});

describe('parseHeaderLines refuses what HTTP/2 refuses', () => {
  it.each([
    ['foo bar: x', 'not-a-token'],
    ['名字: x', 'not-a-token'],
    [':foo: x', 'unknown-pseudo'],
    ['connection: keep-alive', 'connection-specific'],
    ['transfer-encoding: chunked', 'connection-specific'],
    ['te: gzip', 'connection-specific'],
  ])('%s → %s', (line, kind) => {
    expect(parseHeaderLines(line).problems).toEqual([expect.objectContaining({ line: 1, kind })]);
  });

  it('accepts te: trailers and :protocol, and wants pseudo-headers first', () => {
    expect(parseHeaderLines(':method: CONNECT\n:protocol: websocket\nte: trailers').problems).toEqual([]);
    expect(parseHeaderLines('accept: */*\n:path: /').problems).toEqual([
      { line: 2, kind: 'pseudo-after-field', name: ':path' },
    ]);
  });
});
