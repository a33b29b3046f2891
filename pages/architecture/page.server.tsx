import { formatBytes } from '../../shared/format';
import { definePage, type AssetInfo, type WidgetProps } from '../../shared/page';
import { STRINGS } from './strings';
import type { ArchitectureData } from './types';

function BundleBytes({ locale, data }: WidgetProps<ArchitectureData>) {
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

export default definePage<ArchitectureData>({
  order: 90,
  inNav: true,
  channels: ['http', 'h2', 'feed', 'readers'],
  load: ({ assets }) => ({ assets }),
  widgets: {
    'bundle-bytes': BundleBytes,
  },
});
