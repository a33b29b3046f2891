import type { Locale } from '../../locale';
import type { Exchange, ExchangeStep, Side } from '../../tcp/exchanges';

/** The two ends of a sequence diagram, as its lanes are headed. */
export const LANE_NAMES = { zh: { client: '客户端', server: '服务器' }, en: { client: 'Client', server: 'Server' } };

/**
 * How a sequence number is written: the number itself, or relative to a named base (`x+1` for the
 * client's ISN x plus one), as a lesson's general figure writes it.
 */
export type SequenceNames = Record<Side, { name: string; base: number }>;

/**
 * Two layouts of one ladder. Wide: lanes far apart, states outside them. Narrow, for a phone: lanes
 * at the edges and states inside, so the figure is drawn near its real size and no label falls
 * under 11 px on a 360 px screen. CSS shows the one that fits.
 */
const LAYOUTS = {
  wide: { width: 620, client: 130, server: 490, statesOutside: true, row: 80, arrowTop: 42, stateY: 46 },
  // The state goes under the arrow's start, inside the lane, where the arrow has risen clear of it.
  narrow: { width: 340, client: 16, server: 324, statesOutside: false, row: 88, arrowTop: 38, stateY: 66 },
} as const;
type Layout = keyof typeof LAYOUTS;

const TOP = 50;
const MOD = 2 ** 32;

const other = (side: Side): Side => (side === 'client' ? 'server' : 'client');

/** A sequence number in the colour of the side whose byte stream it counts. */
function Number_({ value, space, names }: { value: number; space: Side; names: SequenceNames | null }) {
  let shown = String(value);
  if (names) {
    const offset = (value - names[space].base + MOD) % MOD;
    shown = offset === 0 ? names[space].name : `${names[space].name}+${offset}`;
  }
  return <tspan className={`sequence__number sequence__number--${space}`}>{shown}</tspan>;
}

/** What a step's label says, for the steps list and screen readers: flags, seq and ack. */
export function segmentText(step: ExchangeStep, names: SequenceNames | null = null): string {
  const s = step.segment;
  if (!s) return '';
  const num = (value: number, space: Side) => {
    if (!names) return String(value);
    const offset = (value - names[space].base + MOD) % MOD;
    return offset === 0 ? names[space].name : `${names[space].name}+${offset}`;
  };
  return `${s.flags.replace(',', '+')}  seq=${num(s.seq, s.from)}${s.ack === null ? '' : `  ack=${num(s.ack, other(s.from))}`}`;
}

function Ladder({
  exchange,
  locale,
  layout,
  shown,
  current,
  names,
  title,
}: {
  exchange: Exchange;
  locale: Locale;
  layout: Layout;
  shown: number;
  current: number | null;
  names: SequenceNames | null;
  title: string;
}) {
  const geometry = LAYOUTS[layout];
  const lanes = { client: geometry.client, server: geometry.server };
  const { steps } = exchange;
  const { row, arrowTop, stateY } = geometry;
  const height = TOP + steps.length * row + 12;
  // A state's label sits by its lane: outside it on a wide screen, inside it on a narrow one.
  const stateAt = (side: Side) => {
    const outward = (side === 'client') === geometry.statesOutside;
    return { x: lanes[side] + (outward ? -8 : 8), anchor: outward ? 'end' : 'start' } as const;
  };
  return (
    <svg
      viewBox={`0 0 ${geometry.width} ${height}`}
      role="img"
      aria-label={title}
      className={`sequence__svg sequence__svg--${layout}`}
    >
      {(['client', 'server'] as const).map((side) => (
        <g key={side}>
          <text
            x={lanes[side]}
            y={16}
            textAnchor={geometry.statesOutside ? 'middle' : side === 'client' ? 'start' : 'end'}
            className={`sequence__lane-name sequence__lane-name--${side}`}
          >
            {LANE_NAMES[locale][side]}
          </text>
          <text x={stateAt(side).x} y={38} textAnchor={stateAt(side).anchor} className="sequence__state">
            {exchange.start[side]}
          </text>
          <line x1={lanes[side]} y1={24} x2={lanes[side]} y2={height} className="sequence__lane" />
        </g>
      ))}
      {steps.map((step, index) => {
        if (index >= shown) return null;
        const y = TOP + index * row;
        const from = lanes[step.side];
        const to = lanes[other(step.side)];
        const dir = Math.sign(to - from);
        const mid = (from + to) / 2;
        const s = step.segment;
        const state = stateAt(step.side);
        return (
          <g key={index} className={`sequence__step${index === current ? ' sequence__step--current' : ''}`}>
            {s && (
              <>
                {/* The label in two lines above its arrow, clear of it: flags, then seq and ack. */}
                <text x={mid} y={y + 14} textAnchor="middle" className="sequence__flags">
                  {s.flags.replace(',', '+')}
                </text>
                <text x={mid} y={y + 32} textAnchor="middle" className="sequence__label">
                  seq=
                  <Number_ value={s.seq} space={s.from} names={names} />
                  {s.ack !== null && (
                    <>
                      {'  ack='}
                      <Number_ value={s.ack} space={other(s.from)} names={names} />
                    </>
                  )}
                </text>
                <line x1={from} y1={y + arrowTop} x2={to - dir * 9} y2={y + row - 8} className="sequence__arrow" />
                <path d={`M ${to} ${y + row - 6} l ${-dir * 12} -3 l ${dir * 3} -8 z`} className="sequence__head" />
              </>
            )}
            <text x={state.x} y={y + (s ? stateY : arrowTop)} textAnchor={state.anchor} className="sequence__state">
              {step[step.side]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/**
 * The ladder of an exchange as SVG, in both layouts: every segment with its flags, seq and ack
 * (each number in the colour of the byte stream it counts, so an ack points at the seq it answers),
 * and each side's state after each step. `shown` steps are drawn; later ones are not drawn at all,
 * so the next step is not given away.
 */
export function SequenceSvg(props: {
  exchange: Exchange;
  locale: Locale;
  shown: number;
  /** The step just taken, drawn highlighted; null for none. */
  current: number | null;
  names?: SequenceNames | null;
  title: string;
}) {
  return (
    <>
      <Ladder {...props} names={props.names ?? null} layout="wide" />
      <Ladder {...props} names={props.names ?? null} layout="narrow" />
    </>
  );
}
