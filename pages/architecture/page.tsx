import { useEffect, useState } from 'react';
import { formatBytes, formatMs } from '../../shared/format';
import { LiveWire } from '../../shared/components/LiveWire';
import { useHydrationDuration } from '../../shared/hydration';
import { definePage, type AssetInfo, type PageProps } from '../../shared/page';
import { RequestPathDiagram } from './RequestPathDiagram';
import { STRINGS } from './strings';

interface ArchitectureData {
  assets: AssetInfo[];
}
type Props = PageProps<ArchitectureData>;

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

function BundleBytes({ locale, data }: Props) {
  const text = STRINGS[locale];
  const sum = (pick: (asset: AssetInfo) => number | null) =>
    data.assets.reduce((total, asset) => total + (pick(asset) ?? asset.bytes), 0);
  const size = (bytes: number | null) => (bytes === null ? '—' : formatBytes(bytes, locale));
  return (
    <div>
      <h3>{text.bytesHeading}</h3>
      <table className="bundle-table" data-testid="bundle-bytes">
        <thead>
          <tr>
            <th scope="col">{text.file}</th>
            <th scope="col">{text.kind}</th>
            <th scope="col">{text.raw}</th>
            <th scope="col">gzip</th>
            <th scope="col">Brotli</th>
          </tr>
        </thead>
        <tbody>
          {data.assets.map((asset) => (
            <tr key={asset.url}>
              <td>{asset.url.slice(asset.url.lastIndexOf('/') + 1)}</td>
              <td>{asset.kind}</td>
              <td>{size(asset.bytes)}</td>
              <td>{size(asset.gzipBytes)}</td>
              <td>{size(asset.brotliBytes)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{text.total}</th>
            <td />
            <td>{size(sum((asset) => asset.bytes))}</td>
            <td>{size(sum((asset) => asset.gzipBytes))}</td>
            <td>{size(sum((asset) => asset.brotliBytes))}</td>
          </tr>
        </tfoot>
      </table>
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

export default definePage<ArchitectureData>({
  order: 90,
  inNav: true,
  widgets: {
    'request-path-diagram': ({ locale }) => <RequestPathDiagram locale={locale} />,
    'render-timing': RenderTiming,
    'bundle-bytes': BundleBytes,
    'hydration-time': HydrationTime,
    'live-wire': ({ locale }) => <LiveWire locale={locale} channels={['http', 'h2', 'feed']} />,
  },
  channels: ['http', 'h2', 'feed', 'readers'],
  load: ({ assets }) => ({ assets }),
});
