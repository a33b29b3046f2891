import { useState, type KeyboardEvent } from 'react';
import type { Locale } from '../../shared/locale';
import { useMounted } from '../../shared/use-mounted';
import { STRINGS } from './strings';

const BOX_HEIGHT = 44;
const GAP = 18;
const WIDTH = 340;

/**
 * The request path as an SVG flow. The server renders every step; in the browser the reader steps
 * through it with the buttons or the arrow keys, and the current step is highlighted and described.
 */
export function RequestPathDiagram({ locale }: { locale: Locale }) {
  const text = STRINGS[locale];
  const steps = text.steps;
  const mounted = useMounted();
  const [current, setCurrent] = useState(0);
  const go = (index: number) => setCurrent(Math.max(0, Math.min(steps.length - 1, index)));
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') go(current + 1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') go(current - 1);
    else return;
    event.preventDefault();
  };
  const height = steps.length * (BOX_HEIGHT + GAP) - GAP;
  return (
    <figure className="request-path" onKeyDown={mounted ? onKeyDown : undefined}>
      <figcaption>{text.diagramTitle}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby="request-path-desc"
        className="request-path__svg"
      >
        <desc id="request-path-desc">{steps.map(([title]) => title).join(' → ')}</desc>
        {steps.map(([title], index) => {
          const y = index * (BOX_HEIGHT + GAP);
          const state = !mounted ? 'idle' : index === current ? 'current' : index < current ? 'done' : 'idle';
          return (
            <g key={title} className={`request-path__step request-path__step--${state}`}>
              <rect x="1" y={y + 1} width={WIDTH - 2} height={BOX_HEIGHT - 2} rx="6" />
              <text x={WIDTH / 2} y={y + BOX_HEIGHT / 2} dominantBaseline="central" textAnchor="middle">
                {index + 1}. {title}
              </text>
              {index < steps.length - 1 && (
                <path
                  className="request-path__arrow"
                  d={`M ${WIDTH / 2} ${y + BOX_HEIGHT} v ${GAP - 4} l -4 -5 m 4 5 l 4 -5`}
                />
              )}
            </g>
          );
        })}
      </svg>
      {mounted ? (
        <div className="request-path__controls">
          <button
            type="button"
            className="button button--quiet"
            onClick={() => go(current - 1)}
            disabled={current === 0}
          >
            {text.previous}
          </button>
          <span aria-live="polite" className="request-path__now" data-testid="request-path-step">
            {text.stepOf(current + 1, steps.length)}: <strong>{steps[current]?.[0]}</strong> — {steps[current]?.[1]}
          </span>
          <button
            type="button"
            className="button"
            onClick={() => go(current + 1)}
            disabled={current === steps.length - 1}
          >
            {text.next}
          </button>
        </div>
      ) : (
        <ol className="request-path__list">
          {steps.map(([title, detail]) => (
            <li key={title}>
              <strong>{title}</strong> — {detail}
            </li>
          ))}
        </ol>
      )}
    </figure>
  );
}
