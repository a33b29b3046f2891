import { thrownBy } from '../../test/helpers/errors';
import {
  eventsFrom,
  TCP_EVENTS,
  TCP_STATES,
  TcpTransitionError,
  transition,
  TRANSITIONS,
  type TcpEvent,
  type TcpState,
} from './state-machine';

describe('the RFC 9293 state machine', () => {
  it('has the eleven states of §3.3.2', () => {
    expect(TCP_STATES).toHaveLength(11);
    expect(TCP_STATES).toContain('SYN_SENT');
    expect(TCP_STATES).toContain('FIN_WAIT_2');
  });

  // Every transition, as the RFC's Figure 5 (and §3.10.7 for RST and FIN+ACK) draws it.
  it.each<[TcpState, TcpEvent, TcpState, string | null]>([
    ['CLOSED', 'passive-open', 'LISTEN', null],
    ['CLOSED', 'active-open', 'SYN_SENT', 'SYN'],
    ['LISTEN', 'rcv-syn', 'SYN_RECEIVED', 'SYN,ACK'],
    ['LISTEN', 'send', 'SYN_SENT', 'SYN'],
    ['LISTEN', 'close', 'CLOSED', null],
    ['SYN_SENT', 'rcv-syn-ack', 'ESTABLISHED', 'ACK'],
    ['SYN_SENT', 'rcv-syn', 'SYN_RECEIVED', 'SYN,ACK'],
    ['SYN_SENT', 'close', 'CLOSED', null],
    ['SYN_SENT', 'rcv-rst', 'CLOSED', null],
    ['SYN_RECEIVED', 'rcv-ack', 'ESTABLISHED', null],
    ['SYN_RECEIVED', 'close', 'FIN_WAIT_1', 'FIN'],
    ['ESTABLISHED', 'close', 'FIN_WAIT_1', 'FIN'],
    ['ESTABLISHED', 'rcv-fin', 'CLOSE_WAIT', 'ACK'],
    ['ESTABLISHED', 'rcv-rst', 'CLOSED', null],
    ['FIN_WAIT_1', 'rcv-ack', 'FIN_WAIT_2', null],
    ['FIN_WAIT_1', 'rcv-fin', 'CLOSING', 'ACK'],
    ['FIN_WAIT_1', 'rcv-fin-ack', 'TIME_WAIT', 'ACK'],
    ['FIN_WAIT_1', 'rcv-rst', 'CLOSED', null],
    ['FIN_WAIT_2', 'rcv-fin', 'TIME_WAIT', 'ACK'],
    ['FIN_WAIT_2', 'rcv-rst', 'CLOSED', null],
    ['CLOSE_WAIT', 'close', 'LAST_ACK', 'FIN'],
    ['CLOSE_WAIT', 'rcv-rst', 'CLOSED', null],
    ['CLOSING', 'rcv-ack', 'TIME_WAIT', null],
    ['CLOSING', 'rcv-rst', 'CLOSED', null],
    ['LAST_ACK', 'rcv-ack', 'CLOSED', null],
    ['LAST_ACK', 'rcv-rst', 'CLOSED', null],
    ['TIME_WAIT', 'timeout', 'CLOSED', null],
    ['TIME_WAIT', 'rcv-rst', 'CLOSED', null],
  ])('%s --%s--> %s, sending %s', (from, event, to, send) => {
    expect(transition(from, event)).toEqual({ from, event, to, send });
  });

  it('sends SYN_RECEIVED back to LISTEN on RST only when the connection came from LISTEN (§3.10.7.4)', () => {
    expect(transition('SYN_RECEIVED', 'rcv-rst', 'passive')).toEqual({
      from: 'SYN_RECEIVED',
      event: 'rcv-rst',
      to: 'LISTEN',
      send: null,
      origin: 'passive',
    });
    expect(transition('SYN_RECEIVED', 'rcv-rst', 'active')).toEqual({
      from: 'SYN_RECEIVED',
      event: 'rcv-rst',
      to: 'CLOSED',
      send: null,
      origin: 'active',
    });
  });

  it('has no transition besides those', () => {
    expect(TRANSITIONS).toHaveLength(30);
  });

  it('refuses every other (state, event) pair with a TcpTransitionError naming what applies', () => {
    let refused = 0;
    for (const state of TCP_STATES) {
      for (const event of TCP_EVENTS) {
        if (eventsFrom(state).includes(event)) continue;
        const error = thrownBy(() => transition(state, event));
        expect(error).toBeInstanceOf(TcpTransitionError);
        expect(error).toMatchObject({ code: 'WB_ERR_TCP_TRANSITION', state, event });
        refused++;
      }
    }
    expect(refused).toBe(11 * 11 - 29);
    expect(thrownBy(() => transition('CLOSED', 'rcv-fin'))).toMatchObject({
      message: 'No transition from CLOSED on rcv-fin: in CLOSED only passive-open, active-open applies.',
    });
  });

  it('walks the ordinary life of a connection on both sides', () => {
    const walk = (state: TcpState, events: TcpEvent[]) =>
      events.reduce<TcpState[]>((path, e) => [...path, transition(path.at(-1)!, e).to], [state]);
    expect(walk('CLOSED', ['active-open', 'rcv-syn-ack', 'close', 'rcv-ack', 'rcv-fin', 'timeout'])).toEqual([
      'CLOSED',
      'SYN_SENT',
      'ESTABLISHED',
      'FIN_WAIT_1',
      'FIN_WAIT_2',
      'TIME_WAIT',
      'CLOSED',
    ]);
    expect(walk('CLOSED', ['passive-open', 'rcv-syn', 'rcv-ack', 'rcv-fin', 'close', 'rcv-ack'])).toEqual([
      'CLOSED',
      'LISTEN',
      'SYN_RECEIVED',
      'ESTABLISHED',
      'CLOSE_WAIT',
      'LAST_ACK',
      'CLOSED',
    ]);
  });
});
