import { formatBytes, formatMs } from '../format';
import type { Locale } from '../locale';
import type { FeedEvent } from './protocol';

// RFC 9113 §7 error codes, as RST_STREAM and GOAWAY carry them.
const H2_ERRORS = [
  'NO_ERROR',
  'PROTOCOL_ERROR',
  'INTERNAL_ERROR',
  'FLOW_CONTROL_ERROR',
  'SETTINGS_TIMEOUT',
  'STREAM_CLOSED',
  'FRAME_SIZE_ERROR',
  'REFUSED_STREAM',
  'CANCEL',
  'COMPRESSION_ERROR',
  'CONNECT_ERROR',
  'ENHANCE_YOUR_CALM',
  'INADEQUATE_SECURITY',
  'HTTP_1_1_REQUIRED',
];

export function h2ErrorName(code: number): string {
  return H2_ERRORS[code] ?? `0x${code.toString(16)}`;
}

function seconds(ms: number, locale: Locale): string {
  const value = ms < 1000 ? formatMs(ms) : `${(ms / 1000).toFixed(1)} s`;
  return locale === 'zh' ? value.replace(' s', ' 秒') : value;
}

const TEXT = {
  zh: {
    tcpOpen: (c: string) => `TCP 连接 ${c} 建立（服务器 accept）`,
    tcpClose: (c: string, by: string, d: string) => `TCP 连接 ${c} 关闭：${by}，存活 ${d}`,
    closedBy: { client: '客户端先关闭', server: '服务器先关闭', reset: '被重置（RST）' },
    tls: (c: string, v: string, alpn: string, cipher: string, resumed: boolean) =>
      `${c} 完成 TLS 握手：${v}，ALPN ${alpn}，${cipher}${resumed ? '（会话复用）' : ''}`,
    sessionOpen: (c: string) => `${c} 开始 HTTP/2 会话`,
    sessionClose: (c: string, n: number) => `${c} 的 HTTP/2 会话结束（共 ${n} 个流）`,
    streamOpen: (c: string, id: number) => `${c} 打开流 ${id}`,
    streamClose: (c: string, id: number, rst: string | null) =>
      `${c} 的流 ${id} 关闭${rst ? `：RST_STREAM ${rst}` : ''}`,
    goaway: (c: string, by: string, code: string) => `${c} 收到 GOAWAY（${by}发送，${code}）`,
    side: { client: '客户端', server: '服务器' },
    stream: (id: number) => `流 ${id}`,
    feedOpen: (s: string, c: string) => `实时推送套接字 ${s} 打开（连接 ${c}）`,
    feedClose: (s: string, code: number) => `实时推送套接字 ${s} 关闭，关闭码 ${code}`,
    readers: (n: number) => `在线读者：${n}`,
    sockets: (port: number, list: string) => `端口 ${port} 的套接字：${list}`,
    socketsUnavailable: (port: number) => `无法读取端口 ${port} 的套接字表`,
  },
  en: {
    tcpOpen: (c: string) => `TCP connection ${c} accepted`,
    tcpClose: (c: string, by: string, d: string) => `TCP connection ${c} closed: ${by}, after ${d}`,
    closedBy: { client: 'the client closed first', server: 'the server closed first', reset: 'reset (RST)' },
    tls: (c: string, v: string, alpn: string, cipher: string, resumed: boolean) =>
      `${c} finished the TLS handshake: ${v}, ALPN ${alpn}, ${cipher}${resumed ? ' (resumed)' : ''}`,
    sessionOpen: (c: string) => `${c} started an HTTP/2 session`,
    sessionClose: (c: string, n: number) => `${c} ended its HTTP/2 session (${n} streams)`,
    streamOpen: (c: string, id: number) => `${c} opened stream ${id}`,
    streamClose: (c: string, id: number, rst: string | null) =>
      `${c} closed stream ${id}${rst ? `: RST_STREAM ${rst}` : ''}`,
    goaway: (c: string, by: string, code: string) => `${c}: GOAWAY sent by the ${by} (${code})`,
    side: { client: 'client', server: 'server' },
    stream: (id: number) => `stream ${id}`,
    feedOpen: (s: string, c: string) => `Feed socket ${s} opened (connection ${c})`,
    feedClose: (s: string, code: number) => `Feed socket ${s} closed with code ${code}`,
    readers: (n: number) => `Readers online: ${n}`,
    sockets: (port: number, list: string) => `Sockets on port ${port}: ${list}`,
    socketsUnavailable: (port: number) => `The socket table for port ${port} cannot be read here`,
  },
};

/** One line of plain text for an event, in the reader's language. */
export function describeEvent(event: FeedEvent, locale: Locale): string {
  const t = TEXT[locale];
  switch (event.channel) {
    case 'tcp': {
      const { data } = event;
      if (data.kind === 'open') return t.tcpOpen(data.connection);
      return t.tcpClose(data.connection, t.closedBy[data.closedBy], seconds(data.durationMs, locale));
    }
    case 'tls': {
      const { data } = event;
      return t.tls(data.connection, data.version, data.alpn, data.cipher, data.resumed);
    }
    case 'h2': {
      const { data } = event;
      switch (data.kind) {
        case 'session-open':
          return t.sessionOpen(data.connection);
        case 'session-close':
          return t.sessionClose(data.connection, data.streams ?? 0);
        case 'stream-open':
          return t.streamOpen(data.connection, data.streamId);
        case 'stream-close':
          return t.streamClose(data.connection, data.streamId, data.rstCode ? h2ErrorName(data.rstCode) : null);
        case 'goaway':
          return t.goaway(data.connection, t.side[data.sentBy], h2ErrorName(data.code));
      }
      return data satisfies never;
    }
    case 'http': {
      const { data } = event;
      const carrier = data.streamId === null ? data.protocol : `${data.protocol} ${t.stream(data.streamId)}`;
      return `${data.connection} · ${carrier} · ${data.method} ${data.route} → ${data.status} · ${formatBytes(data.bytes, locale)} · ${formatMs(data.ms)}`;
    }
    case 'feed': {
      const { data } = event;
      return data.kind === 'open' ? t.feedOpen(data.socket, data.connection) : t.feedClose(data.socket, data.code);
    }
    case 'readers': {
      const { data } = event;
      return t.readers(Object.values(data.counts).reduce((a, b) => a + b, 0));
    }
    case 'sockets': {
      const { data } = event;
      if ('unavailable' in data) return t.socketsUnavailable(data.port);
      return t.sockets(
        data.port,
        Object.entries(data.counts)
          .map(([state, n]) => `${state} ${n}`)
          .join(', '),
      );
    }
  }
  // A new channel must be described above: the compiler refuses this line until it is.
  return event satisfies never;
}
