import { handshake, teardown } from './exchanges';

describe('handshake(clientIsn, serverIsn)', () => {
  it('is SYN, SYN+ACK, ACK with ack = seq + 1, and both sides end ESTABLISHED (RFC 9293 §3.5, Figure 6)', () => {
    const { start, steps } = handshake(100, 300);
    expect(start).toEqual({ client: 'CLOSED', server: 'LISTEN' });
    expect(steps.map((s) => [s.side, s.segment, s.client, s.server])).toEqual([
      ['client', { from: 'client', flags: 'SYN', seq: 100, ack: null }, 'SYN_SENT', 'LISTEN'],
      ['server', { from: 'server', flags: 'SYN,ACK', seq: 300, ack: 101 }, 'SYN_SENT', 'SYN_RECEIVED'],
      ['client', { from: 'client', flags: 'ACK', seq: 101, ack: 301 }, 'ESTABLISHED', 'SYN_RECEIVED'],
      ['server', null, 'ESTABLISHED', 'ESTABLISHED'],
    ]);
  });

  it('wraps sequence numbers modulo 2^32', () => {
    const { steps } = handshake(2 ** 32 - 1, 7);
    expect(steps[1]?.segment?.ack).toBe(0);
    expect(steps[2]?.segment).toMatchObject({ seq: 0, ack: 8 });
  });
});

describe('teardown(clientSeq, serverSeq)', () => {
  it('is FIN, ACK, FIN, ACK through FIN_WAIT_2 and TIME_WAIT on the side that closed first', () => {
    const { start, steps } = teardown(5000, 9000);
    expect(start).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
    expect(
      steps.map((s) => [
        s.segment && `${s.segment.from} ${s.segment.flags} seq=${s.segment.seq} ack=${s.segment.ack}`,
        s.client,
        s.server,
      ]),
    ).toEqual([
      ['client FIN seq=5000 ack=9000', 'FIN_WAIT_1', 'ESTABLISHED'],
      ['server ACK seq=9000 ack=5001', 'FIN_WAIT_1', 'CLOSE_WAIT'],
      [null, 'FIN_WAIT_2', 'CLOSE_WAIT'],
      ['server FIN seq=9000 ack=5001', 'FIN_WAIT_2', 'LAST_ACK'],
      ['client ACK seq=5001 ack=9001', 'TIME_WAIT', 'LAST_ACK'],
      [null, 'TIME_WAIT', 'CLOSED'],
      [null, 'CLOSED', 'CLOSED'],
    ]);
  });
});
