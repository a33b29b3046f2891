import { useMemo, useState } from 'react';
import { formatMs } from '../../shared/format';
import type { Locale } from '../../shared/locale';
import { useMounted } from '../../shared/use-mounted';
import type { Trace } from '../../shared/trace';
import { fetchTrace, TraceView } from '../../shared/components/TraceView';

interface AssetTiming {
  path: string;
  initiatorType: string;
  startMs: number;
}

interface Observed {
  /** When the 103 arrived, and the final response's headers, in ms since navigation start; null where the browser does not say. */
  hintsMs: number | null;
  finalHeadersMs: number | null;
  assets: AssetTiming[];
}

const STRINGS = {
  zh: {
    needsJs: '这部分需要 JavaScript：它读取你的浏览器为这个页面记下的资源计时（Resource Timing）。',
    caption: '本页的脚本和样式，你的浏览器是怎么取来的',
    asset: '资源',
    initiator: '发起者（initiatorType）',
    start: '开始请求',
    early: '由 103 发起',
    arrivals: (hints: number, final: number) =>
      `你的浏览器在 ${formatMs(hints)} 收到 103，在 ${formatMs(final)} 收到最终响应的头部。`,
    wonTime: (n: number) => `有 ${n} 个资源在最终响应的头部到达之前就开始请求了：这就是 103 赢来的时间。`,
    noHeadStart: (gap: number) =>
      `没有哪个资源早于最终响应的头部开始请求：这一次 103 只比最终响应早到 ${formatMs(gap)}，浏览器还没来得及动手。服务器渲染得越慢，103 抢到的时间越多。`,
    none: '这个浏览器没有为本页资源报告计时条目。',
    noEarly:
      '这次没有资源是由 103 发起的。Chromium 只在导航请求、HTTP/2 及以上、证书没有错误的连接上使用 103；其他浏览器可能不支持，或不在 initiatorType 里标出来。',
    trace: '看一次原始的 103 和 200',
    traceNote:
      '浏览器不把 103 交给页面脚本。点一下，服务器用自己的 HTTP/2 客户端请求本页，报告它按顺序收到的每个响应头：',
    failed: '请求失败',
  },
  en: {
    needsJs: 'This part needs JavaScript: it reads the Resource Timing your browser recorded for this page.',
    caption: 'How your browser fetched this page’s scripts and styles',
    asset: 'Asset',
    initiator: 'Initiator (initiatorType)',
    start: 'Request started',
    early: 'started by the 103',
    arrivals: (hints: number, final: number) =>
      `Your browser received the 103 at ${formatMs(hints)} and the final response’s headers at ${formatMs(final)}.`,
    wonTime: (n: number) =>
      `${n} of the assets started before the final response’s headers arrived: that is the time the 103 won.`,
    noHeadStart: (gap: number) =>
      `None of the assets started before the final response’s headers arrived: this time the 103 came only ${formatMs(gap)} ahead, before the browser acted on it. The slower the server’s render, the more a 103 wins.`,
    none: 'This browser reported no timing entries for this page’s assets.',
    noEarly:
      'No asset was started by the 103 this time. Chromium uses a 103 only for a navigation, over HTTP/2 or later, on a connection without certificate errors; other browsers may not support it, or may not say so in initiatorType.',
    trace: 'See a raw 103 and 200',
    traceNote:
      'Browsers do not hand the 103 to page scripts. One click and the server requests this page with its own HTTP/2 client and reports every response head it received, in order:',
    failed: 'The request failed',
  },
};

function observe(assetPaths: string[]): Observed {
  // Chromium's names; when a 103 came, responseStart is the 103's arrival, not the final response's.
  const navigation = performance.getEntriesByType('navigation')[0] as
    | (PerformanceNavigationTiming & { firstInterimResponseStart?: number; finalResponseHeadersStart?: number })
    | undefined;
  const hintsMs = navigation?.firstInterimResponseStart || null;
  const finalHeadersMs = navigation?.finalResponseHeadersStart || null;
  const assets = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .filter((entry) => assetPaths.includes(new URL(entry.name).pathname))
    .map((entry) => ({
      path: new URL(entry.name).pathname,
      initiatorType: entry.initiatorType,
      startMs: entry.startTime,
    }));
  return { hintsMs, finalHeadersMs, assets };
}

/** When the 103 and the final headers came, and whether any asset really started in between. */
function HeadStart({
  observed,
  text,
}: {
  observed: Observed & { hintsMs: number; finalHeadersMs: number };
  text: (typeof STRINGS)[Locale];
}) {
  const early = observed.assets.filter((asset) => asset.startMs < observed.finalHeadersMs).length;
  return (
    <p data-testid="early-hints-arrivals">
      {text.arrivals(observed.hintsMs, observed.finalHeadersMs)}{' '}
      {early > 0 ? text.wonTime(early) : text.noHeadStart(observed.finalHeadersMs - observed.hintsMs)}
    </p>
  );
}

/**
 * What this page's own 103 Early Hints did in the reader's browser, from Resource Timing, and the
 * raw 103-then-200 exchange as a client that sees interim responses received it.
 */
export function EarlyHints({ locale, assets }: { locale: Locale; assets: string[] }) {
  const text = STRINGS[locale];
  const mounted = useMounted();
  // Read from Resource Timing once live; never during hydration, which must match the server's HTML.
  const observed = useMemo(() => (mounted ? observe(assets) : null), [mounted, assets]);
  const [trace, setTrace] = useState<Trace | string | null>(null);
  if (!mounted) return <p className="widget__note">{text.needsJs}</p>;
  const showTrace = async () => {
    try {
      setTrace(await fetchTrace(location.pathname));
    } catch (error) {
      setTrace(`${text.failed}: ${(error as Error).message}`);
    }
  };
  return (
    <div className="early-hints" data-testid="early-hints">
      {observed && observed.assets.length === 0 && <p className="widget__note">{text.none}</p>}
      {observed && observed.assets.length > 0 && (
        <table>
          <caption>{text.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{text.asset}</th>
              <th scope="col">{text.initiator}</th>
              <th scope="col">{text.start}</th>
            </tr>
          </thead>
          <tbody>
            {observed.assets.map((asset) => (
              <tr key={asset.path} data-testid="early-hints-asset" data-initiator={asset.initiatorType}>
                <td>
                  <code>{asset.path.replace(/^\/assets\//, '')}</code>
                </td>
                <td>
                  <code>{asset.initiatorType}</code>
                  {asset.initiatorType === 'early-hints' && ` (${text.early})`}
                </td>
                <td>{formatMs(asset.startMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {observed &&
        observed.assets.length > 0 &&
        !observed.assets.some((asset) => asset.initiatorType === 'early-hints') && (
          <p className="widget__note">{text.noEarly}</p>
        )}
      {observed?.hintsMs && observed.finalHeadersMs && (
        <HeadStart
          observed={{ ...observed, hintsMs: observed.hintsMs, finalHeadersMs: observed.finalHeadersMs }}
          text={text}
        />
      )}
      <p>{text.traceNote}</p>
      <p>
        <button type="button" className="button" onClick={showTrace}>
          {text.trace}
        </button>
      </p>
      <div role="status">
        {typeof trace === 'string' && <p>{trace}</p>}
        {trace && typeof trace === 'object' && <TraceView trace={trace} />}
      </div>
    </div>
  );
}
