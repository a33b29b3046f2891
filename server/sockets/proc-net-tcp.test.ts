import fs from 'node:fs';
import path from 'node:path';
import { thrownBy } from '../../test/helpers/errors';
import { countSocketStates, LINUX_TCP_STATES, SocketTableError } from './proc-net-tcp';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', '..', 'test', 'fixtures', name), 'utf8');
const PORT = 0x20fb; // 8443

describe('countSocketStates(table, port)', () => {
  it('counts every state code of an IPv4 table for the port, skipping the header and other ports', () => {
    expect(countSocketStates(fixture('proc-net-tcp.txt'), PORT)).toEqual({
      LISTEN: 1,
      ESTABLISHED: 1,
      TIME_WAIT: 1,
      CLOSE_WAIT: 1,
      FIN_WAIT_1: 1,
      FIN_WAIT_2: 1,
      LAST_ACK: 1,
      CLOSING: 1,
      SYN_RECEIVED: 2,
      CLOSED: 1,
    });
  });

  it('reads IPv6 (and IPv4-mapped) rows the same way, adding to the IPv4 counts', () => {
    const counts = countSocketStates(fixture('proc-net-tcp.txt'), PORT);
    countSocketStates(fixture('proc-net-tcp6.txt'), PORT, counts);
    expect(counts).toMatchObject({ LISTEN: 2, ESTABLISHED: 2, TIME_WAIT: 2 });
    expect(countSocketStates(fixture('proc-net-tcp6.txt'), 80)).toEqual({ ESTABLISHED: 1 });
  });

  it('maps all twelve Linux codes to RFC 9293 names', () => {
    expect(Object.keys(LINUX_TCP_STATES)).toHaveLength(12);
    expect(new Set(Object.values(LINUX_TCP_STATES)).size).toBe(11);
  });

  it('counts the client side of a connection under its own port, not the server’s', () => {
    expect(countSocketStates(fixture('proc-net-tcp.txt'), 0xb7c2)).toEqual({ ESTABLISHED: 1 });
    expect(countSocketStates(fixture('proc-net-tcp.txt'), 0xd4f0)).toEqual({ SYN_SENT: 1 });
  });

  it.each([
    ['a line that is no socket row', '   0: garbage\n', /unreadable socket table line 1/],
    [
      'an unknown state code',
      '   0: 0100007F:20FB 0100007F:B7C2 0F 00000000:00000000 00:00000000 00000000 0 0 1\n',
      /unknown socket state code 0F/,
    ],
  ])('rejects %s with a SocketTableError', (_case, table, message) => {
    const error = thrownBy(() => countSocketStates(table, PORT));
    expect(error).toBeInstanceOf(SocketTableError);
    expect(error).toMatchObject({ code: 'WB_ERR_SOCKET_TABLE', message: expect.stringMatching(message) });
  });
});
