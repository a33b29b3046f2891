import { useCallback, useEffect, useRef, useState } from 'react';
import { useLiveWire } from '../../shared/feed/context';
import { h2ErrorName } from '../../shared/feed/describe';
import { ENDPOINTS } from '../../shared/endpoints';
import { fetchSessionReport, type PingResult, type SessionReport, type StreamRecord } from '../../shared/http2/session';
import { formatBytes, formatNumber } from '../../shared/format';
import type { Locale } from '../../shared/locale';
import { useMounted } from '../../shared/use-mounted';

/**
 * Node's names for the settings, with their RFC 9113 §6.5.2 names (less the SETTINGS_ prefix) and
 * initial values (RFC 8441 §3 for ENABLE_CONNECT_PROTOCOL), in identifier order. Null: no limit.
 */
const SETTINGS: [key: string, name: string, initial: number | null][] = [
  ['headerTableSize', 'HEADER_TABLE_SIZE (0x1)', 4096],
  ['enablePush', 'ENABLE_PUSH (0x2)', 1],
  ['maxConcurrentStreams', 'MAX_CONCURRENT_STREAMS (0x3)', null],
  ['initialWindowSize', 'INITIAL_WINDOW_SIZE (0x4)', 65_535],
  ['maxFrameSize', 'MAX_FRAME_SIZE (0x5)', 16_384],
  ['maxHeaderListSize', 'MAX_HEADER_LIST_SIZE (0x6)', null],
  ['enableConnectProtocol', 'ENABLE_CONNECT_PROTOCOL (0x8)', 0],
];
/** The session panel's own asks must not count as news, or it would ask about itself forever. */
const MIN_ASK_INTERVAL_MS = 1000;

const STRINGS = {
  zh: {
    heading: '你的 HTTP/2 连接，从服务器这边看',
    needsJs:
      '这部分需要 JavaScript：页面向 /lab/h2/session 发一个请求，它走的正是送来这个页面的那条连接，服务器报告这条连接的情况。',
    notH2: '这个请求走的是 HTTP/1.1，不是 HTTP/2，所以没有 SETTINGS 和流可看。',
    loading: '正在询问服务器……',
    failed: '请求失败',
    ping: (result: PingResult) =>
      result.kind === 'answered'
        ? `服务器刚在这条连接上发出一个 PING，${result.ms} ms 后收到你的浏览器回的 ACK：这就是往返时间（RTT）。`
        : result.kind === 'timed-out'
          ? '服务器发出的 PING 在 2 秒内没有得到回应。'
          : '服务器这次没能发出 PING（这条连接上未获应答的 PING 太多了）。',
    settingsCaption: '双方宣布的 SETTINGS（浏览器没发的项保持初始值）',
    reset: (code: string) => `RST_STREAM ${code}`,
    unlimited: '不限（初始值）',
    setting: '参数',
    initial: '初始值',
    meaning: '你的浏览器的值意味着什么',
    ratio: (n: string) => `是初始值的 ${n} 倍。`,
    means: {
      headerTableSize: (v: number) => `服务器编码响应头时，可以用 ${formatNumber(v, 'zh')} 字节的 HPACK 动态表。`,
      enablePush: (v: number) => (v === 0 ? '不接受服务器推送。' : '接受服务器推送。'),
      maxConcurrentStreams: (v: number) => `服务器最多可以同时开 ${formatNumber(v, 'zh')} 个推送流。`,
      initialWindowSize: (v: number) =>
        `每个流在服务器必须等待 WINDOW_UPDATE 之前，浏览器愿意先收 ${formatBytes(v, 'zh')}。`,
      maxFrameSize: (v: number) => `每个帧的载荷最多 ${formatNumber(v, 'zh')} 字节。`,
      maxHeaderListSize: (v: number) => `响应头解压后最多 ${formatBytes(v, 'zh')}。`,
      enableConnectProtocol: (v: number) => (v === 1 ? '支持扩展 CONNECT（如 HTTP/2 上的 WebSocket）。' : '—'),
    } as Record<string, (value: number) => string>,
    browser: '你的浏览器',
    server: '本服务器',
    windows: (local: number, remote: number) =>
      `连接级流量控制窗口：服务器还能收 ${formatNumber(local, 'zh')} 字节，还能发 ${formatNumber(remote, 'zh')} 字节。`,
    streamsCaption: '服务器在这条连接上为这个页面应答的流（从载送页面的那个流算起）',
    id: '流标识符',
    method: '方法',
    route: '路由',
    status: '状态',
    bytes: '大小',
    start: '开始（ms）',
    duration: '耗时（ms）',
    refresh: '再问一次',
  },
  en: {
    heading: 'Your HTTP/2 connection, from the server’s side',
    needsJs:
      'This part needs JavaScript: the page sends one request to /lab/h2/session, over the very connection that brought this page, and the server reports on that connection.',
    notH2: 'This request came over HTTP/1.1, not HTTP/2, so there are no SETTINGS or streams to show.',
    loading: 'Asking the server…',
    failed: 'The request failed',
    ping: (result: PingResult) =>
      result.kind === 'answered'
        ? `The server just sent a PING on this connection; your browser’s ACK came back ${result.ms} ms later. That is the round-trip time (RTT).`
        : result.kind === 'timed-out'
          ? 'The PING the server sent got no answer within 2 seconds.'
          : 'The server could not send a PING this time (too many unanswered ones on this connection).',
    settingsCaption: 'SETTINGS each side announced (those the browser did not send keep their initial values)',
    reset: (code: string) => `RST_STREAM ${code}`,
    unlimited: 'unlimited (the initial value)',
    setting: 'Setting',
    initial: 'Initial value',
    meaning: 'What your browser’s value means',
    ratio: (n: string) => `${n}× the initial value. `,
    means: {
      headerTableSize: (v: number) =>
        `The server may use a ${formatNumber(v, 'en')}-byte HPACK table for the headers it sends.`,
      enablePush: (v: number) => (v === 0 ? 'No server push, please.' : 'Server push accepted.'),
      maxConcurrentStreams: (v: number) =>
        `The server may open at most ${formatNumber(v, 'en')} pushed streams at once.`,
      initialWindowSize: (v: number) =>
        `Each stream may receive ${formatBytes(v, 'en')} before the server must wait for a WINDOW_UPDATE.`,
      maxFrameSize: (v: number) => `Frames of up to ${formatNumber(v, 'en')} bytes of payload.`,
      maxHeaderListSize: (v: number) => `Response headers of up to ${formatBytes(v, 'en')}, uncompressed.`,
      enableConnectProtocol: (v: number) => (v === 1 ? 'Extended CONNECT (WebSocket over HTTP/2) supported.' : '—'),
    } as Record<string, (value: number) => string>,
    browser: 'Your browser',
    server: 'This server',
    windows: (local: number, remote: number) =>
      `Connection flow-control windows: the server can still receive ${formatNumber(local, 'en')} bytes and send ${formatNumber(remote, 'en')}.`,
    streamsCaption: 'Streams the server answered on this connection for this page (from the one that carried it)',
    id: 'Stream id',
    method: 'Method',
    route: 'Route',
    status: 'Status',
    bytes: 'Size',
    start: 'Start (ms)',
    duration: 'Took (ms)',
    refresh: 'Ask again',
  },
};

/** 96, 1.5, 0.25: a ratio as few digits as say it. */
function formatRatio(ratio: number, locale: Locale): string {
  return formatNumber(ratio >= 10 ? Math.round(ratio) : Number(ratio.toPrecision(2)), locale);
}

/** RFC 9113 §6.5.2: no limit until a peer announces one; Node holds that as 2^32 - 1. */
const UNLIMITED = 2 ** 32 - 1;

/** A setting as the RFC writes it: flags as 0 or 1, the initial "no limit" in words. */
const show = (value: number | boolean | undefined, unlimited: string) =>
  value === undefined
    ? '—'
    : typeof value === 'boolean'
      ? String(Number(value))
      : value === UNLIMITED
        ? unlimited
        : String(value);

/** A run of consecutive streams with the same method, route and status, shown as one row. */
interface StreamRun {
  first: StreamRecord;
  last: StreamRecord;
  count: number;
  bytes: number;
  slowestMs: number;
}

/** Folds the streams, in id order, into runs: a hundred waterfall tiles make one row, not a hundred. */
export function streamRuns(streams: StreamRecord[]): StreamRun[] {
  const runs: StreamRun[] = [];
  for (const stream of [...streams].sort((a, b) => a.id - b.id)) {
    const run = runs.at(-1);
    if (
      run &&
      run.first.route === stream.route &&
      run.first.method === stream.method &&
      run.first.status === stream.status &&
      run.first.resetCode === stream.resetCode
    ) {
      run.last = stream;
      run.count++;
      run.bytes += stream.bytes;
      run.slowestMs = Math.max(run.slowestMs, stream.ms);
    } else {
      runs.push({ first: stream, last: stream, count: 1, bytes: stream.bytes, slowestMs: stream.ms });
    }
  }
  return runs;
}

/**
 * The reader's own h2 connection as the server holds it: both sides' SETTINGS, a PING round trip
 * and the streams of this page and its assets. Asked again whenever the live wire says this reader
 * made another request, so it grows as the page loads more.
 */
export function YourSession({ locale }: { locale: Locale }) {
  const text = STRINGS[locale];
  const mounted = useMounted();
  const { events, mine, you } = useLiveWire(['http']);
  // The newest other request of this reader's (an id, not a count: the feed buffer drops old events);
  // the panel's own asks are not news.
  const latestRequest = events.reduce(
    (latest, event) =>
      mine.has(event.id) && event.channel === 'http' && event.data.route !== ENDPOINTS.h2Session
        ? Math.max(latest, event.id)
        : latest,
    0,
  );
  const [report, setReport] = useState<SessionReport | string | null>(null);
  const lastAsked = useRef(0);
  const ask = useCallback(async () => {
    lastAsked.current = Date.now();
    try {
      setReport(await fetchSessionReport());
    } catch (error) {
      setReport(`${text.failed}: ${(error as Error).message}`);
    }
  }, [text]);
  useEffect(() => {
    if (!mounted) return;
    const wait = Math.max(300, lastAsked.current + MIN_ASK_INTERVAL_MS - Date.now());
    const timer = setTimeout(ask, wait);
    return () => clearTimeout(timer);
  }, [mounted, latestRequest, ask]);
  if (!mounted) return <p className="widget__note">{text.needsJs}</p>;
  if (report === null) return <p className="widget__note">{text.loading}</p>;
  if (typeof report === 'string') return <p className="widget__note">{report}</p>;
  if (report.protocol !== 'h2') return <p data-testid="session-protocol">{text.notH2}</p>;
  // The connection outlives the page: streams before this page's own belong to pages read earlier.
  const runs = streamRuns(report.streams.filter((stream) => stream.id >= (you?.pageStreamId ?? 0)));
  return (
    <div className="your-session" data-testid="your-session">
      <h3>{text.heading}</h3>
      <p data-testid="session-ping">{text.ping(report.ping)}</p>
      <table>
        <caption>{text.settingsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{text.setting}</th>
            <th scope="col">{text.initial}</th>
            <th scope="col">{text.browser}</th>
            <th scope="col">{text.server}</th>
            <th scope="col">{text.meaning}</th>
          </tr>
        </thead>
        <tbody>
          {SETTINGS.map(([key, name, initial]) => {
            const value = report.remoteSettings[key];
            const numeric = typeof value === 'boolean' ? Number(value) : value;
            const limited = numeric !== undefined && numeric !== UNLIMITED;
            // A ratio only where both are numbers that say something by it: sizes, not flags.
            const ratio =
              limited && initial !== null && initial > 1 && numeric !== initial
                ? text.ratio(formatRatio(numeric / initial, locale))
                : '';
            return (
              <tr key={key} data-testid={`setting-${key}`}>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td>{initial === null ? text.unlimited : initial}</td>
                <td>{show(value, text.unlimited)}</td>
                <td>{show(report.localSettings[key], text.unlimited)}</td>
                <td data-testid="setting-meaning">
                  {ratio}
                  {limited ? text.means[key]?.(numeric) : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {report.state.effectiveLocalWindowSize !== undefined && report.state.remoteWindowSize !== undefined && (
        <p>{text.windows(report.state.effectiveLocalWindowSize, report.state.remoteWindowSize)}</p>
      )}
      <table data-testid="session-streams">
        <caption>{text.streamsCaption}</caption>
        <thead>
          <tr>
            {[text.id, text.method, text.route, text.status, text.bytes, text.start, text.duration].map((heading) => (
              <th key={heading} scope="col">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {runs.map(({ first, last, count, bytes, slowestMs }) => (
            <tr key={first.id}>
              <td>{count === 1 ? first.id : `${first.id}–${last.id}`}</td>
              <td>{first.method}</td>
              <td>
                <code>{first.route}</code>
                {count > 1 && ` × ${count}`}
              </td>
              <td>{first.resetCode !== null ? text.reset(h2ErrorName(first.resetCode)) : first.status}</td>
              <td>{formatBytes(bytes, locale)}</td>
              <td>{count === 1 ? first.startMs : `${first.startMs}–${last.startMs}`}</td>
              <td>{count === 1 ? first.ms : `≤ ${slowestMs}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button" onClick={ask}>
        {text.refresh}
      </button>
    </div>
  );
}
