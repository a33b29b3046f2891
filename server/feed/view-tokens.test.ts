import { ViewTokens } from './view-tokens';

const you = {
  connection: 'c3f9a1',
  protocol: 'h2' as const,
  alpn: 'h2',
  tlsVersion: 'TLSv1.3',
  cipher: 'TLS_AES_128_GCM_SHA256',
  pageStreamId: 1,
};

describe('ViewTokens', () => {
  it('issues unguessable url-safe tokens that resolve to the page and connection', () => {
    const tokens = new ViewTokens();
    const a = tokens.issue(you, 'http2');
    const b = tokens.issue(you, 'http2');
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(a).not.toBe(b);
    expect(tokens.resolve(a)).toMatchObject({ you, page: 'http2' });
    expect(tokens.resolve('A'.repeat(22))).toBeUndefined();
  });

  it('forgets a token once its time is up', () => {
    let now = 0;
    const tokens = new ViewTokens({ ttlMs: 1000, now: () => now });
    const token = tokens.issue(you, '');
    now = 1000;
    expect(tokens.resolve(token)).toBeDefined();
    now = 1001;
    expect(tokens.resolve(token)).toBeUndefined();
  });

  it('keeps at most maxTokensPerConnection per connection, so one client cannot push out other readers’ tokens', () => {
    const tokens = new ViewTokens({ maxTokensPerConnection: 2 });
    const other = tokens.issue({ ...you, connection: 'aaaaaa' }, '');
    const flood = Array.from({ length: 100 }, () => tokens.issue(you, ''));
    expect(tokens.size).toBe(3);
    expect(tokens.resolve(other)).toBeDefined();
    expect(flood.map((t) => tokens.resolve(t) !== undefined).filter(Boolean)).toHaveLength(2);
    expect(tokens.resolve(flood[99]!)).toBeDefined();
  });

  it('keeps at most maxTokens, forgetting the oldest first', () => {
    const tokens = new ViewTokens({ maxTokens: 3 });
    const issued = Array.from({ length: 5 }, () => tokens.issue(you, ''));
    expect(tokens.size).toBe(3);
    expect(issued.map((t) => tokens.resolve(t) !== undefined)).toEqual([false, false, true, true, true]);
  });
});
