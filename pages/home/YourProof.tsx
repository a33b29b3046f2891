import { useEffect, useState } from 'react';
import { useLiveWire } from '../../shared/feed/context';
import { formatMs } from '../../shared/format';
import { fetchSessionReport } from '../../shared/http2/session';
import type { Locale } from '../../shared/locale';
import { useMounted } from '../../shared/use-mounted';
import { yourStreams } from './your-streams';

/** Stream ids, the middle of a long list left out: 1, 3, 5 … 29. */
const listed = (ids: number[], comma: string) =>
  ids.length > 6 ? `${ids.slice(0, 3).join(comma)} … ${ids.at(-1)}` : ids.join(comma);

const STRINGS = {
  zh: {
    heading: '这一页是怎样到达你这里的',
    unknown: '这一页不是经由一条服务器认得出的连接送达的，所以这里没法给出你的连接。',
    protocol: '协议',
    tls: 'TLS',
    streams: '你这条连接上的流',
    streamsValue: (ids: number[], connection: string) => `${ids.length} 条：${listed(ids, '、')}（连接 ${connection}）`,
    noStreams: (connection: string) => `HTTP/1.1 没有流：连接 ${connection} 一次只走一个请求`,
    rtt: '往返时间（RTT）',
    rttNeedsJs: '开启 JavaScript 后，服务器会向你的连接发一个 PING 来测',
    rttPending: '正在测……',
    rttH1: '只有 HTTP/2 连接能用 PING 来测',
    rttFailed: '没测到',
    rttValue: (ms: number) => `${formatMs(ms)}，服务器的 PING 来回一趟`,
  },
  en: {
    heading: 'How this page reached you',
    unknown: 'This page did not arrive over a connection the server could name, so yours cannot be shown here.',
    protocol: 'Protocol',
    tls: 'TLS',
    streams: 'Streams on your connection',
    streamsValue: (ids: number[], connection: string) =>
      `${ids.length}: ${listed(ids, ', ')} (connection ${connection})`,
    noStreams: (connection: string) =>
      `HTTP/1.1 has no streams: connection ${connection} carries one request at a time`,
    rtt: 'Round trip (RTT)',
    rttNeedsJs: 'with JavaScript on, the server sends your connection a PING to measure it',
    rttPending: 'measuring…',
    rttH1: 'only an HTTP/2 connection can be measured with a PING',
    rttFailed: 'not measured',
    rttValue: (ms: number) => `${formatMs(ms)}, the server’s PING there and back`,
  },
};

type Rtt = { kind: 'pending' } | { kind: 'measured'; ms: number } | { kind: 'h1' } | { kind: 'failed' };

/** The server's PING round trip on the reader's own HTTP/2 connection, asked once. */
function useRoundTrip(enabled: boolean): Rtt {
  const [rtt, setRtt] = useState<Rtt>({ kind: 'pending' });
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    fetchSessionReport()
      .then((report) => {
        if (!current) return;
        if (report.protocol === 'http/1.1') return setRtt({ kind: 'h1' });
        setRtt(report.ping.kind === 'answered' ? { kind: 'measured', ms: report.ping.ms } : { kind: 'failed' });
      })
      .catch(() => current && setRtt({ kind: 'failed' }));
    return () => {
      current = false;
    };
  }, [enabled]);
  return rtt;
}

/**
 * The reader's own proof, first thing on the home page: the protocol and TLS version their page
 * came over, the streams on their connection and its round-trip time, all from the real connection.
 */
export function YourProof({ locale }: { locale: Locale }) {
  const text = STRINGS[locale];
  const view = useLiveWire();
  const mounted = useMounted();
  const rtt = useRoundTrip(mounted && view.you !== null);
  const { you } = view;
  if (!you) return <p className="widget__note">{text.unknown}</p>;
  const streams = yourStreams(view);
  const rttText = !mounted
    ? text.rttNeedsJs
    : rtt.kind === 'measured'
      ? text.rttValue(rtt.ms)
      : rtt.kind === 'h1'
        ? text.rttH1
        : rtt.kind === 'failed'
          ? text.rttFailed
          : text.rttPending;
  return (
    <section className="your-proof" data-testid="your-proof" aria-labelledby="your-proof-title">
      <p className="your-proof__title" id="your-proof-title">
        {text.heading}
      </p>
      <dl>
        <div>
          <dt>{text.protocol}</dt>
          <dd data-testid="proof-protocol">{you.protocol}</dd>
        </div>
        <div>
          <dt>{text.tls}</dt>
          <dd data-testid="proof-tls">{you.tlsVersion}</dd>
        </div>
        <div>
          <dt>{text.streams}</dt>
          <dd data-testid="proof-streams">
            {you.protocol === 'h2' ? text.streamsValue(streams, you.connection) : text.noStreams(you.connection)}
          </dd>
        </div>
        <div>
          <dt>{text.rtt}</dt>
          <dd data-testid="proof-rtt" data-kind={mounted ? rtt.kind : 'needs-js'}>
            {rttText}
          </dd>
        </div>
      </dl>
    </section>
  );
}
