import { useState } from 'react';
import type { Locale } from '../../locale';
import {
  eventsFrom,
  NORMAL_PATH,
  transition,
  TRANSITIONS,
  type Origin,
  type TcpEvent,
  type TcpState,
  type Transition,
} from '../../tcp/state-machine';
import { useMounted } from '../../use-mounted';

/** Arrows taken on an arriving segment, or on the 2MSL timer: named alike in every language. */
const SEGMENT_EDGES = {
  'rcv-syn': 'SYN',
  'rcv-syn-ack': 'SYN+ACK',
  'rcv-ack': 'ACK',
  'rcv-fin': 'FIN',
  'rcv-fin-ack': 'FIN+ACK',
  timeout: '2MSL',
  'rcv-rst': 'RST',
} satisfies Partial<Record<TcpEvent, string>>;

const STRINGS = {
  zh: {
    title: 'TCP 状态机（RFC 9293 图 5）',
    now: '当前状态：',
    events: '可以发生的事件：',
    reset: (state: string) => `回到 ${state}`,
    sent: (flags: string) => `发出 ${flags}`,
    sentNothing: '不发送报文段',
    last: (from: string, event: string, to: string) => `${from} —${event}→ ${to}`,
    legend:
      '每条箭头标着触发它的事件，“→”后面是这一步发出的报文段。粗线是一条普通连接打开和关闭时走的路径。RST 的转移列在下表，图中不画。',
    edge: {
      'passive-open': '监听',
      'active-open': '连接',
      send: '发送',
      close: '关闭',
      ...SEGMENT_EDGES,
    } satisfies Record<TcpEvent, string>,
    table: '全部转移',
    from: '当前',
    event: '事件',
    to: '之后',
    sends: '发出',
    origin: { passive: '（连接来自 LISTEN）', active: '（连接不是来自 LISTEN）' },
    eventName: {
      'passive-open': '被动打开',
      'active-open': '主动打开',
      send: '发送数据',
      close: '关闭',
      'rcv-syn': '收到 SYN',
      'rcv-syn-ack': '收到 SYN+ACK',
      'rcv-ack': '收到 ACK',
      'rcv-fin': '收到 FIN',
      'rcv-fin-ack': '收到 FIN+ACK',
      timeout: '2MSL 超时',
      'rcv-rst': '收到 RST',
    } satisfies Record<TcpEvent, string>,
  },
  en: {
    title: 'The TCP state machine (RFC 9293, Figure 5)',
    now: 'Current state: ',
    events: 'Events that can happen:',
    reset: (state: string) => `Back to ${state}`,
    sent: (flags: string) => `sends ${flags}`,
    sentNothing: 'sends no segment',
    last: (from: string, event: string, to: string) => `${from} —${event}→ ${to}`,
    legend:
      'Each arrow is labelled with the event that takes it (a flag name means that segment arrived), then → the segment sent. Thick lines are the path of an ordinary connection opening and closing. Transitions on RST are in the table below, not drawn.',
    edge: {
      'passive-open': 'listen',
      'active-open': 'connect',
      send: 'send',
      close: 'close',
      ...SEGMENT_EDGES,
    } satisfies Record<TcpEvent, string>,
    table: 'Every transition',
    from: 'From',
    event: 'Event',
    to: 'To',
    sends: 'Sends',
    origin: { passive: ' (if the connection came from LISTEN)', active: ' (otherwise)' },
    eventName: {
      'passive-open': 'passive open',
      'active-open': 'active open',
      send: 'send',
      close: 'close',
      'rcv-syn': 'receive SYN',
      'rcv-syn-ack': 'receive SYN+ACK',
      'rcv-ack': 'receive ACK',
      'rcv-fin': 'receive FIN',
      'rcv-fin-ack': 'receive FIN+ACK',
      timeout: '2MSL timeout',
      'rcv-rst': 'receive RST',
    } satisfies Record<TcpEvent, string>,
  },
};

const BOX = { w: 132, h: 34 };
// Figure 5's layout: opening at the top, ESTABLISHED in the middle, the two closing paths below.
const POSITION: Record<TcpState, [number, number]> = {
  CLOSED: [380, 30],
  LISTEN: [380, 130],
  SYN_RECEIVED: [120, 230],
  SYN_SENT: [640, 230],
  ESTABLISHED: [380, 330],
  FIN_WAIT_1: [120, 430],
  CLOSE_WAIT: [640, 430],
  FIN_WAIT_2: [120, 530],
  CLOSING: [380, 530],
  LAST_ACK: [640, 530],
  TIME_WAIT: [380, 630],
};
// Closing paths end in CLOSED again; like the RFC's figure, draw that CLOSED a second time below.
const CLOSED_BELOW: [number, number] = [640, 630];
const LOWER_STATES: TcpState[] = ['FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT'];
const VIEW = { w: 760, h: 660 };
/** Where a few labels go instead of the middle of their arrow, where another arrow crosses it. */
const LABEL_AT: Partial<Record<string, number>> = {
  // Fractions along the arrow, from its start.
  'LISTEN-send': 0.3,
  'SYN_SENT-rcv-syn': 0.35,
  'SYN_RECEIVED-close': 0.6,
  'FIN_WAIT_1-rcv-fin-ack': 0.3,
  'SYN_SENT-close': 0.3,
};
/** Labels put on the other side of their arrow, away from its twin running alongside. */
const LABEL_FLIPPED = new Set(['SYN_SENT-close']);

function endpoints(tr: Transition): [[number, number], [number, number]] {
  const from = POSITION[tr.from];
  const to = tr.to === 'CLOSED' && LOWER_STATES.includes(tr.from) ? CLOSED_BELOW : POSITION[tr.to];
  return [from, to];
}

/** Where the segment from a box's centre towards `to` leaves the box. */
function edge([x, y]: [number, number], [tx, ty]: [number, number]): [number, number] {
  const dx = tx - x;
  const dy = ty - y;
  const scale = Math.min(Math.abs((BOX.w / 2 + 4) / (dx || 1e-9)), Math.abs((BOX.h / 2 + 4) / (dy || 1e-9)));
  return [x + dx * scale, y + dy * scale];
}

const isNormal = (tr: Transition) => NORMAL_PATH.some(([from, to]) => from === tr.from && to === tr.to);
// Drawn: every transition but those on RST (they go almost everywhere; the table lists them).
const DRAWN = TRANSITIONS.filter((tr) => tr.event !== 'rcv-rst');

/**
 * RFC 9293's state diagram, drawn from the state machine's own transitions. In the browser the
 * reader fires events and watches the current state move; the full transition table is always there.
 * `initial` is where the reader starts: CLOSED for opening, ESTABLISHED for closing.
 */
export function StateDiagram({ locale, initial = 'CLOSED' }: { locale: Locale; initial?: 'CLOSED' | 'ESTABLISHED' }) {
  const text = STRINGS[locale];
  const mounted = useMounted();
  const [state, setState] = useState<TcpState>(initial);
  const [last, setLast] = useState<Transition | null>(null);
  // Whether this connection has been in LISTEN, which decides where RST in SYN_RECEIVED leads.
  const [origin, setOrigin] = useState<Origin>('active');
  const fire = (event: TcpEvent) => {
    const tr = transition(state, event, origin);
    if (tr.to === 'LISTEN') setOrigin('passive');
    else if (tr.to === 'CLOSED') setOrigin('active');
    setState(tr.to);
    setLast(tr);
  };
  // A connection that closed from below is shown in the lower CLOSED box, where its arrow points.
  const currentKey = state === 'CLOSED' && last && LOWER_STATES.includes(last.from) ? 'CLOSED-below' : state;
  const boxes: [string, TcpState, [number, number]][] = [
    ...(Object.entries(POSITION) as [TcpState, [number, number]][]).map(
      ([s, p]): [string, TcpState, [number, number]] => [s, s, p],
    ),
    ['CLOSED-below', 'CLOSED', CLOSED_BELOW],
  ];
  return (
    <figure className="state-diagram" data-testid="state-machine">
      <figcaption>{text.title}</figcaption>
      <div className="state-diagram__scroll">
        <svg viewBox={`0 0 ${VIEW.w} ${VIEW.h}`} role="img" aria-label={text.title} className="state-diagram__svg">
          <defs>
            <marker
              id="state-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" className="state-diagram__head" />
            </marker>
          </defs>
          {DRAWN.map((tr) => {
            const [from, to] = endpoints(tr);
            // Two arrows between the same boxes (CLOSED and LISTEN) are drawn side by side.
            const twin = DRAWN.some((o) => o.from === tr.to && o.to === tr.from);
            const offset = twin ? (tr.from < tr.to ? 8 : -8) : 0;
            const [x1, y1] = edge(from, to);
            const [x2, y2] = edge(to, from);
            const active = mounted && last === tr;
            const key = `${tr.from}-${tr.event}`;
            // The label beside its arrow: along it by LABEL_AT (the middle by default), off it to one side.
            const along = LABEL_AT[key] ?? 0.5;
            const length = Math.hypot(x2 - x1, y2 - y1) || 1;
            const side = (twin ? Math.sign(offset) : 1) * (LABEL_FLIPPED.has(key) ? -1 : 1);
            const lx = x1 + (x2 - x1) * along + offset + (side * (y2 - y1) * 8) / length;
            const ly = y1 + (y2 - y1) * along - (side * (x2 - x1) * 8) / length;
            const vertical = Math.abs(x2 - x1) < 1;
            return (
              <g key={key} className={`state-diagram__transition${active ? ' state-diagram__transition--active' : ''}`}>
                <line
                  x1={x1 + offset}
                  y1={y1}
                  x2={x2 + offset}
                  y2={y2}
                  markerEnd="url(#state-arrow)"
                  className={`state-diagram__edge${isNormal(tr) ? ' state-diagram__edge--normal' : ''}${active ? ' state-diagram__edge--active' : ''}`}
                />
                <text
                  x={lx}
                  y={ly}
                  dominantBaseline="central"
                  textAnchor={vertical ? (side > 0 ? 'start' : 'end') : 'middle'}
                  className="state-diagram__edge-label"
                >
                  {text.edge[tr.event]}
                  {tr.send && ` → ${tr.send.replace(',', '+')}`}
                </text>
              </g>
            );
          })}
          {boxes.map(([key, name, [x, y]]) => (
            <g
              key={key}
              className={`state-diagram__state${mounted && key === currentKey ? ' state-diagram__state--current' : ''}`}
            >
              <rect x={x - BOX.w / 2} y={y - BOX.h / 2} width={BOX.w} height={BOX.h} rx="6" />
              <text x={x} y={y} dominantBaseline="central" textAnchor="middle">
                {name}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <p className="widget__note">{text.legend}</p>
      {mounted && (
        <div className="state-diagram__controls">
          <p>
            {text.now}
            <strong data-testid="state-machine-state">{state}</strong>
            {/* Rendered from the start, so screen readers announce the first change too. */}
            <span className="state-diagram__last" aria-live="polite">
              {last &&
                ` (${text.last(last.from, text.eventName[last.event], last.to)}, ${last.send ? text.sent(last.send.replace(',', '+')) : text.sentNothing})`}
            </span>
          </p>
          <p>{text.events}</p>
          <div className="state-diagram__events">
            {/* Keyed by position: the button just pressed stays in the DOM, and keyboard focus with it. */}
            {eventsFrom(state).map((event, index) => (
              <button key={index} type="button" className="button button--quiet" onClick={() => fire(event)}>
                {text.eventName[event]}
              </button>
            ))}
            <button
              type="button"
              className="button"
              onClick={() => {
                setState(initial);
                setLast(null);
                setOrigin('active');
              }}
              aria-disabled={state === initial && last === null}
            >
              {text.reset(initial)}
            </button>
          </div>
        </div>
      )}
      <details className="state-diagram__table">
        <summary>{text.table}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{text.from}</th>
              <th scope="col">{text.event}</th>
              <th scope="col">{text.to}</th>
              <th scope="col">{text.sends}</th>
            </tr>
          </thead>
          <tbody>
            {TRANSITIONS.map((tr) => (
              <tr key={`${tr.from}-${tr.event}-${tr.origin ?? ''}`}>
                <td>{tr.from}</td>
                <td>{text.eventName[tr.event]}</td>
                <td>
                  {tr.to}
                  {tr.origin && text.origin[tr.origin]}
                </td>
                <td>{tr.send?.replace(',', '+') ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
