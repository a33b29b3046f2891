import { useState } from 'react';
import { connectionPhases } from '../../shared/components/ConnectionTiming';
import { endpointPath } from '../../shared/endpoints';
import { formatMs } from '../../shared/format';
import type { Locale } from '../../shared/locale';
import { useMounted } from '../../shared/use-mounted';

const STRINGS = {
  zh: {
    heading: '测一次全新的握手',
    intro: (port: number) =>
      `浏览器打开这个页面时多半复用了已有的连接，没有握手可测。按下按钮，页面会向同一主机的 ${port} 端口发一个请求；那个端口的每次回答都会关闭连接，所以每按一次，浏览器都要新开一条连接：先做 TCP 握手，再做 TLS 握手，然后才发出请求。`,
    off: '这台服务器没有开启只讲 HTTP/1.1 的实验端口（H1_PORT=off），所以这里测不了全新的握手。',
    needsJs: '这个测量需要 JavaScript：由你的浏览器打开连接，并报告它自己量到的时间（Resource Timing）。',
    measure: '测一次全新的握手',
    measuring: '正在测量……',
    failed: '测量失败：',
    noTiming: '浏览器没有给出这次请求的连接时间（可能复用了连接，再按一次试试）。',
    result: (n: number) => `第 ${n} 次测量`,
    tcp: 'TCP 握手',
    tls: 'TLS 握手',
    ttfb: '首字节时间',
    defs: {
      tcp: 'connectStart → secureConnectionStart：SYN 发出到 SYN+ACK 回来，一个往返。',
      tls: 'secureConnectionStart → connectEnd：ClientHello 到握手完成；TLS 1.3 通常是一个往返。',
      ttfb: 'requestStart → responseStart：请求发出到响应的第一个字节到达，是握手之后的又一个往返，加上服务器作答的时间。',
    },
    caption: '这次新连接上的时间，按发生的先后排列（单位 ms，由浏览器测量）',
  },
  en: {
    heading: 'Measure a fresh handshake',
    intro: (port: number) =>
      `This page most likely came over a connection your browser already had open, so there was no handshake to time. The button sends one request to port ${port} of the same host, which closes its connection after every answer: each press makes your browser open a new connection, with a TCP handshake, then a TLS handshake, then the request.`,
    off: 'This server runs without its HTTP/1.1-only lab port (H1_PORT=off), so no fresh handshake can be measured here.',
    needsJs:
      'This measurement needs JavaScript: your browser opens the connection and reports its own timings (Resource Timing).',
    measure: 'Measure a fresh handshake',
    measuring: 'Measuring…',
    failed: 'The measurement failed: ',
    noTiming: 'Your browser gave no connection timings for this request (it may have reused a connection: try again).',
    result: (n: number) => `Measurement ${n}`,
    tcp: 'TCP handshake',
    tls: 'TLS handshake',
    ttfb: 'Time to first byte',
    defs: {
      tcp: 'connectStart → secureConnectionStart: from the SYN leaving to the SYN+ACK arriving, one round trip.',
      tls: 'secureConnectionStart → connectEnd: from ClientHello to the finished handshake; one round trip in TLS 1.3.',
      ttfb: 'requestStart → responseStart: from sending the request to the first byte of the answer, one more round trip after the handshakes, plus the server’s time to answer.',
    },
    caption: 'Times on this new connection, in the order they happened (ms, measured by your browser)',
  },
} satisfies Record<Locale, unknown>;

interface Measurement {
  n: number;
  tcpMs: number;
  tlsMs: number;
  ttfbMs: number;
}

type Phase = 'tcp' | 'tls' | 'ttfb';
const PHASES: Phase[] = ['tcp', 'tls', 'ttfb'];

/** Asks the HTTP/1.1 port once, on a connection of its own, and reads the browser's timings of it. */
async function measure(h1Port: number, n: number): Promise<Measurement | null> {
  const url = `https://${location.hostname}:${h1Port}${endpointPath('handshake')}?n=${n}-${Date.now()}`;
  const response = await fetch(url, { cache: 'no-store', mode: 'cors' });
  await response.text();
  // The entry is recorded once the body has been read.
  const [entry] = performance.getEntriesByName(url) as PerformanceResourceTiming[];
  if (!entry) return null;
  const { reused, tcpMs, tlsMs, ttfbMs } = connectionPhases(entry);
  return reused || tlsMs === null ? null : { n, tcpMs, tlsMs, ttfbMs };
}

/** The three phases as bars on one time line, each with its length. */
function Timeline({ result, text }: { result: Measurement; text: (typeof STRINGS)[Locale] }) {
  const lengths: Record<Phase, number> = { tcp: result.tcpMs, tls: result.tlsMs, ttfb: result.ttfbMs };
  const total = PHASES.reduce((sum, phase) => sum + lengths[phase], 0) || 1;
  // Each phase starts where the ones before it ended.
  const starts = PHASES.map((_, i) => PHASES.slice(0, i).reduce((sum, phase) => sum + lengths[phase], 0));
  return (
    <figure className="fresh-handshake__timeline">
      <figcaption>{text.caption}</figcaption>
      <ol>
        {PHASES.map((phase, i) => {
          const left = ((starts[i] ?? 0) / total) * 100;
          return (
            <li key={phase} className={`fresh-handshake__phase fresh-handshake__phase--${phase}`}>
              <span className="fresh-handshake__name">{text[phase]}</span>
              <span className="fresh-handshake__track">
                <span
                  className="fresh-handshake__bar"
                  style={{ marginLeft: `${left}%`, width: `${Math.max((lengths[phase] / total) * 100, 0.5)}%` }}
                />
              </span>
              <span className="fresh-handshake__ms" data-testid={`fresh-${phase}`}>
                {formatMs(lengths[phase])}
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

/**
 * The TCP page's own handshake, measured on demand: a new connection to the HTTP/1.1 lab port,
 * its TCP, TLS and first-byte times from the browser's Resource Timing, drawn one after the other
 * and each defined.
 */
export function FreshHandshake({ locale, h1Port }: { locale: Locale; h1Port: number | null }) {
  const text = STRINGS[locale];
  const mounted = useMounted();
  const [busy, setBusy] = useState(false);
  const [count, setCount] = useState(0);
  const [result, setResult] = useState<Measurement | string | null>(null);
  const run = async () => {
    if (busy || h1Port === null) return;
    setBusy(true);
    const n = count + 1;
    setCount(n);
    try {
      setResult((await measure(h1Port, n)) ?? text.noTiming);
    } catch (error) {
      setResult(`${text.failed}${(error as Error).message}`);
    }
    setBusy(false);
  };
  return (
    <div className="fresh-handshake" data-testid="fresh-handshake">
      <h3>{text.heading}</h3>
      {h1Port === null ? (
        <p className="widget__note">{text.off}</p>
      ) : (
        <>
          <p>{text.intro(h1Port)}</p>
          {mounted ? (
            <p>
              <button type="button" className="button" onClick={run} aria-disabled={busy}>
                {busy ? text.measuring : text.measure}
              </button>
            </p>
          ) : (
            <p className="widget__note">{text.needsJs}</p>
          )}
        </>
      )}
      <div role="status">
        {typeof result === 'string' && <p>{result}</p>}
        {result !== null && typeof result !== 'string' && (
          <p className="visually-hidden">
            {text.result(result.n)}:{' '}
            {PHASES.map(
              (phase) =>
                `${text[phase]} ${formatMs(phase === 'tcp' ? result.tcpMs : phase === 'tls' ? result.tlsMs : result.ttfbMs)}`,
            ).join(', ')}
          </p>
        )}
      </div>
      {result !== null && typeof result !== 'string' && <Timeline result={result} text={text} />}
      <dl className="fresh-handshake__defs">
        {PHASES.map((phase) => (
          <div key={phase}>
            <dt>{text[phase]}</dt>
            <dd>{text.defs[phase]}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
