import { initialView, reconnectDelay } from './store';

describe('reconnectDelay(attempt)', () => {
  it('grows exponentially from 500 ms and caps at 15 s, before jitter', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((attempt) => reconnectDelay(attempt, () => 1))).toEqual([
      500, 1000, 2000, 4000, 8000, 15000, 15000,
    ]);
  });

  it('spreads retries with full jitter', () => {
    expect(reconnectDelay(3, () => 0)).toBe(0);
    expect(reconnectDelay(3, () => 0.5)).toBe(2000);
  });
});

describe('initialView(wire)', () => {
  it('starts from what the server rendered: its events, its mine ids, its last id and the latest reader counts', () => {
    const view = initialView({
      channels: ['tcp', 'readers'],
      token: 't',
      lastId: 9,
      events: [
        { id: 3, channel: 'readers', time: 0, data: { counts: { '': 1 } } },
        { id: 8, channel: 'tcp', time: 0, data: { kind: 'open', connection: 'aaaaaa' } },
        { id: 9, channel: 'readers', time: 0, data: { counts: { '': 2, http2: 1 } } },
      ],
      mine: [8],
      you: { connection: 'aaaaaa', protocol: 'h2', alpn: 'h2', tlsVersion: 'TLSv1.3', cipher: 'c', pageStreamId: 1 },
      readers: {},
      interrupted: false,
    });
    expect(view).toMatchObject({
      status: 'connecting',
      lastId: 9,
      connections: ['aaaaaa'],
      readers: { '': 2, http2: 1 },
    });
    expect([...view.mine]).toEqual([8]);
  });
});
