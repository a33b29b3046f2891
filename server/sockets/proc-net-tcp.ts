import type { TcpState } from '../../shared/tcp/state-machine';

/**
 * Linux's socket state codes (include/net/tcp_states.h) under their RFC 9293 names. NEW_SYN_RECV is
 * a half-open connection still held as a request socket: to TCP it is SYN_RECEIVED.
 */
export const LINUX_TCP_STATES: Record<string, TcpState> = {
  '01': 'ESTABLISHED',
  '02': 'SYN_SENT',
  '03': 'SYN_RECEIVED',
  '04': 'FIN_WAIT_1',
  '05': 'FIN_WAIT_2',
  '06': 'TIME_WAIT',
  '07': 'CLOSED',
  '08': 'CLOSE_WAIT',
  '09': 'LAST_ACK',
  '0A': 'LISTEN',
  '0B': 'CLOSING',
  '0C': 'SYN_RECEIVED',
};

export type StateCounts = Partial<Record<TcpState, number>>;

export class SocketTableError extends Error {
  readonly code = 'WB_ERR_SOCKET_TABLE';
}

// "  sl  local_address rem_address   st ..." then one socket a line: "0: 0100007F:20FB 00000000:0000 0A ..."
const ROW = /^\s*\d+:\s+([0-9A-Fa-f]+):([0-9A-Fa-f]{4})\s+[0-9A-Fa-f]+:[0-9A-Fa-f]{4}\s+([0-9A-Fa-f]{2})\s/;

/**
 * Counts, by state, the sockets of one local port in the text of /proc/net/tcp or /proc/net/tcp6
 * (the two share a format; only the address width differs). The header line and lines of other
 * ports are skipped; a line that is neither a header nor a socket row is an error.
 */
export function countSocketStates(table: string, port: number, into: StateCounts = {}): StateCounts {
  const lines = table.split('\n').filter((line) => line.trim() !== '');
  for (const [index, line] of lines.entries()) {
    if (index === 0 && /^\s*sl\s+local_address/.test(line)) continue;
    const row = ROW.exec(line);
    if (!row) throw new SocketTableError(`unreadable socket table line ${index + 1}: ${line.trim().slice(0, 80)}`);
    const [, , localPort = '', stateCode = ''] = row;
    if (parseInt(localPort, 16) !== port) continue;
    const state = LINUX_TCP_STATES[stateCode.toUpperCase()];
    if (!state) throw new SocketTableError(`unknown socket state code ${stateCode} on line ${index + 1}`);
    into[state] = (into[state] ?? 0) + 1;
  }
  return into;
}
