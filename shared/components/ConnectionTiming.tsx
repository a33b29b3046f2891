import { useEffect, useState } from 'react';
import { formatMs } from '../format';
import type { Locale } from '../locale';

const STRINGS = {
  zh: {
    heading: '这个页面是怎么到达你的浏览器的',
    pending: '页面加载完成后，这里显示你的浏览器（Navigation Timing API）报告的数字。',
    unsupported: '你的浏览器没有提供 Navigation Timing 数据。',
    protocol: '协议（ALPN）',
    connection: '连接',
    reused: '复用了已有连接：这次请求没有新的握手',
    fresh: '新建连接',
    tcp: 'TCP 握手',
    tls: 'TLS 握手',
    ttfb: '首字节时间（TTFB）',
    ttfbMeans: '从请求发出（requestStart）到响应的第一个字节到达（responseStart），不含握手。',
  },
  en: {
    heading: 'How this page reached your browser',
    pending: 'Once the page has loaded, this shows the figures your browser reports (Navigation Timing API).',
    unsupported: 'Your browser does not expose Navigation Timing data.',
    protocol: 'Protocol (ALPN)',
    connection: 'Connection',
    reused: 'reused an open connection: no new handshake for this request',
    fresh: 'newly opened',
    tcp: 'TCP handshake',
    tls: 'TLS handshake',
    ttfb: 'Time to first byte',
    ttfbMeans:
      'From sending the request (requestStart) to the first byte of the response (responseStart), handshakes not included.',
  },
} satisfies Record<Locale, Record<string, string>>;

interface Timing {
  protocol: string;
  reused: boolean;
  tcpMs: number;
  tlsMs: number | null;
  ttfbMs: number;
}

/** A fetch's connection phases as the browser timed them (Resource Timing); no TLS phase without TLS. */
export function connectionPhases(entry: PerformanceResourceTiming): Omit<Timing, 'protocol'> {
  const tlsStarted = entry.secureConnectionStart > 0;
  return {
    reused: entry.connectStart === entry.connectEnd,
    // With TLS, connectEnd includes the TLS handshake; the TCP part ends where TLS starts.
    tcpMs: (tlsStarted ? entry.secureConnectionStart : entry.connectEnd) - entry.connectStart,
    tlsMs: tlsStarted ? entry.connectEnd - entry.secureConnectionStart : null,
    ttfbMs: entry.responseStart - entry.requestStart,
  };
}

function readNavigationTiming(): Timing | null {
  const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  if (!nav) return null;
  return { protocol: nav.nextHopProtocol || '?', ...connectionPhases(nav) };
}

/** The reader's own connection for this page, as their browser measured it. */
export function ConnectionTiming({ locale }: { locale: Locale }) {
  const text = STRINGS[locale];
  const [timing, setTiming] = useState<Timing | null | 'unsupported'>(null);
  useEffect(() => {
    const show = () => setTiming(readNavigationTiming() ?? 'unsupported');
    // The entry's figures are final once the load event has passed.
    if (document.readyState === 'complete') show();
    else window.addEventListener('load', show, { once: true });
    return () => window.removeEventListener('load', show);
  }, []);
  return (
    <div className="connection-timing" data-testid="connection-timing">
      <h3>{text.heading}</h3>
      {timing === null && <p className="widget__note">{text.pending}</p>}
      {timing === 'unsupported' && <p className="widget__note">{text.unsupported}</p>}
      {timing !== null && timing !== 'unsupported' && (
        <dl className="figures">
          <dt>{text.protocol}</dt>
          <dd data-testid="protocol">{timing.protocol}</dd>
          <dt>{text.connection}</dt>
          <dd>{timing.reused ? text.reused : text.fresh}</dd>
          {!timing.reused && (
            <>
              <dt>{text.tcp}</dt>
              <dd>{formatMs(timing.tcpMs)}</dd>
              {timing.tlsMs !== null && (
                <>
                  <dt>{text.tls}</dt>
                  <dd>{formatMs(timing.tlsMs)}</dd>
                </>
              )}
            </>
          )}
          <dt>{text.ttfb}</dt>
          <dd>{formatMs(timing.ttfbMs)}</dd>
        </dl>
      )}
      {timing !== null && timing !== 'unsupported' && (
        <p className="widget__note" data-testid="ttfb-means">
          {text.ttfbMeans}
        </p>
      )}
    </div>
  );
}
