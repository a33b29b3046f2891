import { useState } from 'react';
import { FIELD_COLOURS } from '../../shared/components/ByteMap';
import { formatMs } from '../../shared/format';
import { CONNECTION_HEADER } from '../../shared/http2/session';
import type { Locale } from '../../shared/locale';
import type { LabSettings } from '../../shared/page';
import { useMounted } from '../../shared/use-mounted';
import { endpointPath } from '../../shared/endpoints';
import { SLOW_PACE, withPace, type Pace } from '../../shared/lab-pace';
import { tickLabel, timeTicks } from './time-axis';

/** How many tiles each side fetches: enough that six HTTP/1.1 connections must queue. */
export const TILE_COUNT = 100;

/** One tile as Resource Timing and the server's connection name describe it. */
interface TileTiming {
  start: number;
  requestStart: number;
  end: number;
  protocol: string;
  connection: string;
}

interface SideResult {
  label: string;
  tiles: TileTiming[];
  protocol: string;
  /** The connections' names, in the order their first tile started. */
  connections: string[];
  totalMs: number;
}

/** The connections' colours: the byte maps' palette, one per connection, repeating when it runs out. */
const colourOf = (side: SideResult, connection: string) =>
  `byte-map__c${Math.max(0, side.connections.indexOf(connection)) % FIELD_COLOURS}`;

const STRINGS = {
  zh: {
    needsJs: '这个实验需要 JavaScript：由你的浏览器发出请求，再从资源计时（Resource Timing）里读出每个请求的起止时间。',
    off: '这台服务器没有开只说 HTTP/1.1 的端口（H1_PORT），所以只能测 HTTP/2 一侧。',
    setup: (count: number, delay: number, port: number | null) =>
      `点一下，你的浏览器先从本站（HTTP/2）取 ${count} 个小图块，再从同一主机的 ${port ?? '—'} 端口取同样 ${count} 个；那个端口用同一张证书，但 ALPN 只提供 HTTP/1.1。服务器给每个图块故意多等 ${delay} ms 再回答，好让排队看得出来。`,
    run: '开始',
    running: '正在取图块……',
    side: { h2: '本站', h1: 'HTTP/1.1 端口' },
    summary: (r: SideResult) =>
      `${r.label}：协议 ${r.protocol}，${r.connections.length} 条连接，从第一个请求发出到最后一个响应结束共 ${formatMs(r.totalMs)}。`,
    legend:
      '每行一个请求，按发起时间排列，横轴是从第一个请求发起算起的时间。灰色是请求发出之前在浏览器里等待的时间（等一条连接，或者等轮到它），彩色是从发出请求到收完响应的时间，一种颜色代表一条连接。',
    slow: (ms: number) => `慢速模式：服务器让每个图块等 ${ms} ms，排队看得清清楚楚`,
    connection: (name: string, count: number) => `连接 ${name}：${count} 个请求`,
    axis: '从第一个请求发起算起的时间',
    failed: '请求失败',
    svgLabel: (r: SideResult) => `${r.label}的瀑布图：${r.tiles.length} 个请求`,
  },
  en: {
    needsJs:
      'This lab needs JavaScript: your browser makes the requests, and their start and end times come from Resource Timing.',
    off: 'This server runs no HTTP/1.1-only port (H1_PORT), so only the HTTP/2 side can be measured.',
    setup: (count: number, delay: number, port: number | null) =>
      `One click and your browser fetches ${count} small tiles from this site (HTTP/2), then the same ${count} from port ${port ?? '—'} of the same host, which has the same certificate but offers only HTTP/1.1 in ALPN. The server holds each tile for ${delay} ms before answering, so that queueing shows.`,
    run: 'Run',
    running: 'Fetching tiles…',
    side: { h2: 'This site', h1: 'The HTTP/1.1 port' },
    summary: (r: SideResult) =>
      `${r.label}: ${r.protocol}, ${r.connections.length} connection${r.connections.length === 1 ? '' : 's'}, ${formatMs(r.totalMs)} from the first request sent to the last response received.`,
    legend:
      'One row per request, in the order they were issued, against the time since the first was issued. The grey part is time the request waited in the browser before it was sent (for a connection, or for its turn); the coloured part runs from sending the request to the end of the response, one colour per connection.',
    slow: (ms: number) => `Slow mode: the server holds each tile ${ms} ms, so the queueing is plain to see`,
    connection: (name: string, count: number) => `Connection ${name}: ${count} requests`,
    axis: 'Time since the first request was issued',
    failed: 'The request failed',
    svgLabel: (r: SideResult) => `Waterfall of ${r.label}: ${r.tiles.length} requests`,
  },
};

/** Fetches every tile at once from `origin` and reads each one's timing back. */
async function fetchTiles(origin: string, label: string, run: string, pace: Pace): Promise<SideResult> {
  const urls = Array.from(
    { length: TILE_COUNT },
    (_, n) => `${origin}${withPace(`${endpointPath('tile', { n })}?run=${run}`, pace)}`,
  );
  const connections = await Promise.all(
    urls.map(async (url) => {
      const response = await fetch(url, { cache: 'no-store' });
      await response.text();
      return response.headers.get(CONNECTION_HEADER) ?? '?';
    }),
  );
  const tiles = urls.map((url, n): TileTiming => {
    const entry = performance.getEntriesByName(url).at(-1) as PerformanceResourceTiming | undefined;
    return {
      start: entry?.startTime ?? 0,
      requestStart: entry?.requestStart || entry?.startTime || 0,
      end: entry?.responseEnd ?? 0,
      protocol: entry?.nextHopProtocol ?? '',
      connection: connections[n] ?? '?',
    };
  });
  const first = Math.min(...tiles.map((t) => t.start));
  const protocols = [...new Set(tiles.map((t) => t.protocol || '?'))];
  const ordered = tiles
    .map((t) => ({ ...t, start: t.start - first, requestStart: t.requestStart - first, end: t.end - first }))
    .sort((a, b) => a.start - b.start);
  return {
    label,
    tiles: ordered,
    protocol: protocols.join(', '),
    connections: [...new Set(ordered.map((t) => t.connection))],
    totalMs: Math.max(...tiles.map((t) => t.end)) - first,
  };
}

const ROW = 3;
const WIDTH = 600;

function Waterfall({
  result,
  scaleMs,
  label,
  axisLabel,
}: {
  result: SideResult;
  scaleMs: number;
  label: string;
  axisLabel: string;
}) {
  const x = (ms: number) => (ms / scaleMs) * WIDTH;
  const ticks = timeTicks(scaleMs);
  const height = result.tiles.length * ROW;
  return (
    <>
      <svg
        className="waterfall"
        viewBox={`0 0 ${WIDTH} ${result.tiles.length * ROW}`}
        role="img"
        aria-label={label}
        preserveAspectRatio="none"
      >
        {ticks.map((ms) => (
          <line key={ms} className="waterfall__tick" x1={x(ms)} x2={x(ms)} y1={0} y2={height} />
        ))}
        {result.tiles.map((tile, row) => (
          <g key={row}>
            <rect
              className="waterfall__queued"
              x={x(tile.start)}
              y={row * ROW}
              width={Math.max(0, x(tile.requestStart - tile.start))}
              height={ROW - 1}
            />
            <rect
              className={`waterfall__active ${colourOf(result, tile.connection)}`}
              x={x(tile.requestStart)}
              y={row * ROW}
              width={Math.max(1, x(tile.end - tile.requestStart))}
              height={ROW - 1}
            />
          </g>
        ))}
      </svg>
      {/* HTML, not SVG text: the drawing stretches to its box, and labels must keep their size. */}
      <div className="waterfall__axis" role="img" aria-label={`${axisLabel}: 0–${tickLabel(ticks.at(-1) ?? 0)}`}>
        {ticks.map((ms) => (
          <span key={ms} style={{ left: `${(ms / scaleMs) * 100}%` }} data-testid="waterfall-tick">
            {tickLabel(ms)}
          </span>
        ))}
      </div>
    </>
  );
}

/**
 * The same hundred requests over h2 and over HTTP/1.1, drawn from the browser's own Resource
 * Timing: one connection carrying them all at once against six that take turns.
 */
export function WaterfallLab({ locale, labs }: { locale: Locale; labs: LabSettings }) {
  const text = STRINGS[locale];
  const mounted = useMounted();
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<SideResult[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [pace, setPace] = useState<Pace>('full');
  const run = async () => {
    if (busy) return;
    setBusy(true);
    // Each run reads its own entries: start from an empty buffer, big enough for both sides' tiles.
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(4 * TILE_COUNT);
    const id = Math.random().toString(36).slice(2, 8);
    const origins: [string, string][] = [
      [location.origin, text.side.h2],
      ...(labs.h1Port === null
        ? []
        : [[`https://${location.hostname}:${labs.h1Port}`, text.side.h1] as [string, string]]),
    ];
    const measured: SideResult[] = [];
    setFailure(null);
    // One side after the other, so they do not compete; a side that fails keeps the other's result.
    for (const [origin, label] of origins) {
      try {
        measured.push(await fetchTiles(origin, label, id, pace));
      } catch (error) {
        setFailure(`${label}: ${text.failed}: ${(error as Error).message}`);
      }
    }
    setResults(measured);
    setBusy(false);
  };
  const sides = results;
  const scaleMs = Math.max(1, ...sides.map((r) => r.totalMs));
  return (
    <div className="waterfall-lab" data-testid="waterfall-lab">
      <p>{text.setup(TILE_COUNT, pace === 'slow' ? SLOW_PACE.tileDelayMs : labs.tileDelayMs, labs.h1Port)}</p>
      {labs.h1Port === null && <p className="widget__note">{text.off}</p>}
      {!mounted && <p className="widget__note">{text.needsJs}</p>}
      {mounted && (
        <p>
          <label className="waterfall-lab__pace">
            <input
              type="checkbox"
              checked={pace === 'slow'}
              onChange={() => setPace((was) => (was === 'slow' ? 'full' : 'slow'))}
            />{' '}
            {text.slow(SLOW_PACE.tileDelayMs)}
          </label>
          <button type="button" className="button" onClick={run} aria-disabled={busy}>
            {busy ? text.running : text.run}
          </button>
        </p>
      )}
      {/* Mounted empty from the start, so screen readers announce what arrives in it. */}
      <p role="status" className="waterfall-lab__status">
        {[...sides.map((side) => text.summary(side)), failure].filter(Boolean).join(' ')}
      </p>
      {sides.length > 0 && <p className="widget__note">{text.legend}</p>}
      {sides.map((side) => (
        <figure key={side.label} className="waterfall-lab__side">
          <figcaption
            data-testid="waterfall-summary"
            data-protocol={side.protocol}
            data-connections={side.connections.length}
            data-total-ms={Math.round(side.totalMs)}
          >
            {text.summary(side)}
          </figcaption>
          <Waterfall result={side} scaleMs={scaleMs} label={text.svgLabel(side)} axisLabel={text.axis} />
          <ul className="waterfall__connections">
            {side.connections.map((name) => (
              <li key={name} className={colourOf(side, name)} data-testid="waterfall-connection">
                {text.connection(name, side.tiles.filter((tile) => tile.connection === name).length)}
              </li>
            ))}
          </ul>
        </figure>
      ))}
    </div>
  );
}
