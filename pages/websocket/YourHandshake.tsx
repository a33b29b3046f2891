import { useEffect, useState } from 'react';
import { useLiveWire } from '../../shared/feed/context';
import type { MessageHead } from '../../shared/feed/protocol';
import type { Locale } from '../../shared/locale';
import { computeAccept } from '../../shared/websocket/frame';

const STRINGS = {
  zh: {
    heading: '你的实时推送刚刚做的握手',
    waiting: '页面加载完成、实时推送连上后，这里显示服务器记录下来的这次握手。',
    request: '浏览器发出的请求',
    response: '服务器的响应',
    recomputed: '你的浏览器用 WebCrypto 重新计算的 Accept：',
    matches: '与服务器发来的一致',
    differs: '与服务器发来的不一致',
  },
  en: {
    heading: 'The handshake your live feed just made',
    waiting:
      'Once the page has loaded and its live feed is connected, this shows that handshake as the server recorded it.',
    request: 'Your browser’s request',
    response: 'The server’s response',
    recomputed: 'Accept recomputed in your browser with WebCrypto: ',
    matches: 'matches what the server sent',
    differs: 'does not match what the server sent',
  },
};

const header = (head: MessageHead, name: string) => head.headers.find(([n]) => n.toLowerCase() === name)?.[1];
const print = (head: MessageHead) => [head.line, ...head.headers.map(([n, v]) => `${n}: ${v}`)].join('\n');

/** This reader's own feed handshake, and Sec-WebSocket-Accept worked out again in their browser. */
export function YourHandshake({ locale }: { locale: Locale }) {
  const text = STRINGS[locale];
  const { handshake } = useLiveWire();
  const [accept, setAccept] = useState<string | null>(null);
  const key = handshake && header(handshake.request, 'sec-websocket-key');
  useEffect(() => {
    if (key) computeAccept(key).then(setAccept);
  }, [key]);
  if (!handshake) return <p className="widget__note">{text.waiting}</p>;
  const sent = header(handshake.response, 'sec-websocket-accept');
  return (
    <div className="your-handshake" data-testid="your-handshake">
      <h3>{text.heading}</h3>
      <p>{text.request}</p>
      <pre data-testid="handshake-request">{print(handshake.request)}</pre>
      <p>{text.response}</p>
      <pre data-testid="handshake-response">{print(handshake.response)}</pre>
      {accept && (
        <p data-testid="accept-check" data-matches={accept === sent}>
          {text.recomputed}
          <code>{accept}</code> — <strong>{accept === sent ? text.matches : text.differs}</strong>
        </p>
      )}
    </div>
  );
}
