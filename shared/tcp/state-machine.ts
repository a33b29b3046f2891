/**
 * The TCP connection state machine of RFC 9293 §3.3.2 (Figure 5), with the state names spelt as the
 * RFC spells them. Pure data and one function: the pages' diagrams and step-throughs run on it.
 */
export const TCP_STATES = [
  'CLOSED',
  'LISTEN',
  'SYN_SENT',
  'SYN_RECEIVED',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
] as const;
export type TcpState = (typeof TCP_STATES)[number];

export const TCP_EVENTS = [
  'passive-open',
  'active-open',
  'send',
  'close',
  'rcv-syn',
  'rcv-syn-ack',
  'rcv-ack',
  'rcv-fin',
  'rcv-fin-ack',
  'timeout',
  'rcv-rst',
] as const;
export type TcpEvent = (typeof TCP_EVENTS)[number];

/** The control bits of the segment a transition sends, if any. */
export type Sent = 'SYN' | 'SYN,ACK' | 'ACK' | 'FIN' | null;

/** How the connection began: from LISTEN (a passive OPEN) or not. Only RST in SYN_RECEIVED cares. */
export type Origin = 'passive' | 'active';

export interface Transition {
  from: TcpState;
  event: TcpEvent;
  to: TcpState;
  send: Sent;
  /** Set when the transition applies only to connections of this origin. */
  origin?: Origin;
}

const t = (from: TcpState, event: TcpEvent, to: TcpState, send: Sent = null, origin?: Origin): Transition => ({
  from,
  event,
  to,
  send,
  ...(origin && { origin }),
});

/** Every transition of Figure 5, plus the RST and FIN+ACK cases the RFC's text (§3.10.7) adds. */
export const TRANSITIONS: readonly Transition[] = [
  t('CLOSED', 'passive-open', 'LISTEN'),
  t('CLOSED', 'active-open', 'SYN_SENT', 'SYN'),
  t('LISTEN', 'rcv-syn', 'SYN_RECEIVED', 'SYN,ACK'),
  t('LISTEN', 'send', 'SYN_SENT', 'SYN'),
  t('LISTEN', 'close', 'CLOSED'),
  t('SYN_SENT', 'rcv-syn-ack', 'ESTABLISHED', 'ACK'),
  // Simultaneous open: a SYN arrives while our own is unanswered.
  t('SYN_SENT', 'rcv-syn', 'SYN_RECEIVED', 'SYN,ACK'),
  t('SYN_SENT', 'close', 'CLOSED'),
  t('SYN_SENT', 'rcv-rst', 'CLOSED'),
  t('SYN_RECEIVED', 'rcv-ack', 'ESTABLISHED'),
  t('SYN_RECEIVED', 'close', 'FIN_WAIT_1', 'FIN'),
  // Figure 5, note 1 and §3.10.7.4: back to LISTEN only if the connection came from a passive OPEN.
  t('SYN_RECEIVED', 'rcv-rst', 'LISTEN', null, 'passive'),
  t('SYN_RECEIVED', 'rcv-rst', 'CLOSED', null, 'active'),
  t('ESTABLISHED', 'close', 'FIN_WAIT_1', 'FIN'),
  t('ESTABLISHED', 'rcv-fin', 'CLOSE_WAIT', 'ACK'),
  t('ESTABLISHED', 'rcv-rst', 'CLOSED'),
  t('FIN_WAIT_1', 'rcv-ack', 'FIN_WAIT_2'),
  t('FIN_WAIT_1', 'rcv-fin', 'CLOSING', 'ACK'),
  // One segment that acknowledges our FIN and carries the peer's (§3.10.7.4, FIN bit, FIN-WAIT-1).
  t('FIN_WAIT_1', 'rcv-fin-ack', 'TIME_WAIT', 'ACK'),
  t('FIN_WAIT_1', 'rcv-rst', 'CLOSED'),
  t('FIN_WAIT_2', 'rcv-fin', 'TIME_WAIT', 'ACK'),
  t('FIN_WAIT_2', 'rcv-rst', 'CLOSED'),
  t('CLOSE_WAIT', 'close', 'LAST_ACK', 'FIN'),
  t('CLOSE_WAIT', 'rcv-rst', 'CLOSED'),
  t('CLOSING', 'rcv-ack', 'TIME_WAIT'),
  t('CLOSING', 'rcv-rst', 'CLOSED'),
  t('LAST_ACK', 'rcv-ack', 'CLOSED'),
  t('LAST_ACK', 'rcv-rst', 'CLOSED'),
  t('TIME_WAIT', 'timeout', 'CLOSED'),
  t('TIME_WAIT', 'rcv-rst', 'CLOSED'),
];

export class TcpTransitionError extends Error {
  readonly code = 'WB_ERR_TCP_TRANSITION';
  constructor(
    readonly state: TcpState,
    readonly event: TcpEvent,
  ) {
    super(
      `No transition from ${state} on ${event}: in ${state} only ${eventsFrom(state).join(', ') || 'nothing'} applies.`,
    );
    this.name = 'TcpTransitionError';
  }
}

/**
 * The transition `event` causes in `state`, for a connection of `origin` (whether it came from
 * LISTEN); throws TcpTransitionError when there is none.
 */
export function transition(state: TcpState, event: TcpEvent, origin: Origin = 'active'): Transition {
  const found = TRANSITIONS.find(
    (tr) => tr.from === state && tr.event === event && (tr.origin === undefined || tr.origin === origin),
  );
  if (!found) throw new TcpTransitionError(state, event);
  return found;
}

/** The events that do something in `state`, in the order of TCP_EVENTS. */
export function eventsFrom(state: TcpState): TcpEvent[] {
  return TCP_EVENTS.filter((event) => TRANSITIONS.some((tr) => tr.from === state && tr.event === event));
}

/** The path of an ordinary connection: the client's and the server's, opening and closing. */
export const NORMAL_PATH: readonly (readonly [TcpState, TcpState])[] = [
  ['CLOSED', 'SYN_SENT'],
  ['SYN_SENT', 'ESTABLISHED'],
  ['CLOSED', 'LISTEN'],
  ['LISTEN', 'SYN_RECEIVED'],
  ['SYN_RECEIVED', 'ESTABLISHED'],
  ['ESTABLISHED', 'FIN_WAIT_1'],
  ['FIN_WAIT_1', 'FIN_WAIT_2'],
  ['FIN_WAIT_2', 'TIME_WAIT'],
  ['TIME_WAIT', 'CLOSED'],
  ['ESTABLISHED', 'CLOSE_WAIT'],
  ['CLOSE_WAIT', 'LAST_ACK'],
  ['LAST_ACK', 'CLOSED'],
];
