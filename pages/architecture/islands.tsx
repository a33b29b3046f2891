import { useEffect, useState } from 'react';
import { formatMs } from '../../shared/format';
import { LiveWire } from '../../shared/components/LiveWire';
import { useHydrationDuration } from '../../shared/hydration';
import { defineIslands, hydrated, live, type WidgetProps } from '../../shared/page';
import { RequestPathDiagram } from './RequestPathDiagram';
import { STRINGS } from './strings';

type Props = WidgetProps;

/** The `render` entry of this response's Server-Timing header, as the browser received it. */
function RenderTiming({ locale }: Props) {
  const text = STRINGS[locale];
  const [render, setRender] = useState<number | null | 'missing'>(null);
  useEffect(() => {
    const read = () => {
      const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      const entry = nav?.serverTiming?.find((timing) => timing.name === 'render');
      setRender(entry ? entry.duration : 'missing');
    };
    if (document.readyState === 'complete') read();
    else window.addEventListener('load', read, { once: true });
    return () => window.removeEventListener('load', read);
  }, []);
  return (
    <div data-testid="render-timing">
      <h3>{text.renderHeading}</h3>
      {render === null && <p className="widget__note">{text.renderPending}</p>}
      {render === 'missing' && <p className="widget__note">{text.renderMissing}</p>}
      {typeof render === 'number' && (
        <dl className="figures">
          <dt>{text.renderLabel}</dt>
          <dd data-testid="render-ms">{formatMs(render)}</dd>
        </dl>
      )}
    </div>
  );
}

function HydrationTime({ locale }: Props) {
  const text = STRINGS[locale];
  const duration = useHydrationDuration();
  return (
    <div data-testid="hydration-time">
      <h3>{text.hydrationHeading}</h3>
      {duration === null ? (
        <p className="widget__note">{text.hydrationPending}</p>
      ) : (
        <dl className="figures">
          <dt>{text.hydrationLabel}</dt>
          <dd data-testid="hydration-ms">{formatMs(duration)}</dd>
        </dl>
      )}
    </div>
  );
}

export default defineIslands({
  'request-path-diagram': hydrated(({ locale }) => <RequestPathDiagram locale={locale} />),
  'render-timing': hydrated(RenderTiming),
  'hydration-time': hydrated(HydrationTime),
  'live-wire': live(({ locale }) => <LiveWire locale={locale} channels={['http', 'h2', 'feed']} />),
});
