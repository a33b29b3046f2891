import type { Locale } from '../../shared/locale';
import { LANE_NAMES } from '../../shared/components/tcp/SequenceSvg';

export interface LadderMessage {
  from: 'client' | 'server';
  label: string;
}

// Wide and narrow layouts, shown by CSS as they fit (as the TCP ladders do): labels never under 11 px.
const LAYOUTS = {
  wide: { width: 620, client: 60, server: 560 },
  narrow: { width: 340, client: 12, server: 328 },
} as const;
const ROW = 46;
const TOP = 34;

/**
 * Messages between a client and a server, in the order they leave, each label above its arrow:
 * a server-rendered figure with no script.
 */
export function MessageLadder({
  locale,
  caption,
  messages,
}: {
  locale: Locale;
  caption: string;
  messages: LadderMessage[];
}) {
  const height = TOP + messages.length * ROW + 8;
  return (
    <figure className="ladder">
      <figcaption>{caption}</figcaption>
      {(['wide', 'narrow'] as const).map((layout) => {
        const { width, client, server } = LAYOUTS[layout];
        const lanes = { client, server };
        return (
          <svg
            key={layout}
            viewBox={`0 0 ${width} ${height}`}
            role="img"
            aria-label={`${caption}: ${messages.map((m) => `${LANE_NAMES[locale][m.from]} → ${m.label}`).join('; ')}`}
            className={`ladder__svg ladder__svg--${layout}`}
          >
            {(['client', 'server'] as const).map((side) => (
              <g key={side}>
                <text
                  x={lanes[side]}
                  y={16}
                  textAnchor={side === 'client' ? 'start' : 'end'}
                  className={`ladder__lane-name ladder__lane-name--${side}`}
                >
                  {LANE_NAMES[locale][side]}
                </text>
                <line x1={lanes[side]} y1={24} x2={lanes[side]} y2={height} className="ladder__lane" />
              </g>
            ))}
            {messages.map((message, index) => {
              const y = TOP + index * ROW;
              const from = lanes[message.from];
              const to = lanes[message.from === 'client' ? 'server' : 'client'];
              const dir = Math.sign(to - from);
              return (
                <g key={index} className={`ladder__message ladder__message--${message.from}`}>
                  <text x={(from + to) / 2} y={y + 16} textAnchor="middle" className="ladder__label">
                    {message.label}
                  </text>
                  <line x1={from} y1={y + 28} x2={to - dir * 10} y2={y + 28} className="ladder__arrow" />
                  <path d={`M ${to} ${y + 28} l ${-dir * 11} -5 v 10 z`} className="ladder__head" />
                </g>
              );
            })}
          </svg>
        );
      })}
    </figure>
  );
}
