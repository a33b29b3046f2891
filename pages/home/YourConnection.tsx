import { useLiveWire } from '../../shared/feed/context';
import type { Locale } from '../../shared/locale';
import { yourStreams } from './your-streams';

const STRINGS = {
  zh: {
    heading: '服务器看到的你',
    unknown: '这个页面不是经由一条可识别的连接送达的，无法标出你的连接。',
    connection: '连接 id',
    protocol: '协议',
    tls: 'TLS',
    pageStream: '本页所在的流',
    streams: '本页请求用过的流',
    feed: '实时推送所在的连接',
    feedNote: '（另开的 HTTP/1.1 连接，用于 WebSocket 升级）',
    waiting: '等待实时推送……',
  },
  en: {
    heading: 'You, as the server saw you',
    unknown: 'This page did not arrive over a connection the server could name, so yours cannot be marked.',
    connection: 'Connection id',
    protocol: 'Protocol',
    tls: 'TLS',
    pageStream: 'Stream that carried this page',
    streams: 'Streams of this page’s requests',
    feed: 'Connection of your live feed',
    feedNote: '(a separate HTTP/1.1 connection, for the WebSocket upgrade)',
    waiting: 'waiting for the live feed…',
  },
};

/** The reader's own connection as the server saw it; only this reader's view token reveals it. */
export function YourConnection({ locale }: { locale: Locale }) {
  const text = STRINGS[locale];
  const { you, events, mine, connections } = useLiveWire();
  if (!you) return <p className="widget__note">{text.unknown}</p>;
  const streams = yourStreams({ you, events, mine });
  const feedConnection = connections.find((c) => c !== you.connection);
  return (
    <div className="your-connection" data-testid="your-connection">
      <h3>{text.heading}</h3>
      <dl className="figures">
        <dt>{text.connection}</dt>
        <dd data-testid="your-connection-id">{you.connection}</dd>
        <dt>{text.protocol}</dt>
        <dd data-testid="your-protocol">
          {you.protocol} (ALPN {you.alpn})
        </dd>
        <dt>{text.tls}</dt>
        <dd>
          {you.tlsVersion}, {you.cipher}
        </dd>
        {you.pageStreamId !== null && (
          <>
            <dt>{text.pageStream}</dt>
            <dd>{you.pageStreamId}</dd>
          </>
        )}
        {you.protocol === 'h2' && (
          <>
            <dt>{text.streams}</dt>
            <dd data-testid="your-streams">{streams.join(', ')}</dd>
          </>
        )}
        <dt>{text.feed}</dt>
        <dd data-testid="your-feed-connection">
          {feedConnection ? (
            <>
              {feedConnection} <span className="widget__note">{text.feedNote}</span>
            </>
          ) : (
            <span className="widget__note">{text.waiting}</span>
          )}
        </dd>
      </dl>
    </div>
  );
}
