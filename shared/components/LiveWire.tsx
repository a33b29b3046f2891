import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useLiveWire } from '../feed/context';
import { describeEvent } from '../feed/describe';
import { explainerOf } from '../feed/explain';
import type { Channel, FeedEvent } from '../feed/protocol';
import type { FeedStatus } from '../feed/store';
import type { Locale } from '../locale';
import { useMounted } from '../use-mounted';

const STRINGS = {
  zh: {
    heading: '实时线路',
    status: {
      connecting: '连接中',
      live: '实时',
      reconnecting: '重连中',
      offline: '离线',
      interrupted: '中断',
    } satisfies Record<FeedStatus, string>,
    snapshot: '快照：开启 JavaScript 后实时更新',
    filters: '显示',
    onlyMine: '只看我的',
    legendTitle: '这些行是什么',
    legend: {
      you: '“你”标出的是你自己的连接、流和推送套接字上发生的事（页面变成实时的之后才标）。',
      link: '每一行都链接到讲解它的那一节。',
      channels: {
        tcp: 'TCP 连接的建立与关闭',
        tls: 'TLS 握手的结果：版本、ALPN、密码套件',
        h2: 'HTTP/2 会话和流的打开、关闭、RST_STREAM、GOAWAY',
        http: '服务器答复的每个请求：连接、流、方法、路由、状态码、大小、耗时',
        feed: '实时推送本身的 WebSocket 套接字',
        readers: '各页面的在线读者数',
        sockets: '服务器端口上各状态的套接字数（来自内核）',
      } satisfies Record<Channel, string>,
    },
    pause: '暂停',
    resume: '继续',
    pausedNote: (n: number) => `已暂停，期间又到了 ${n} 条事件。`,
    you: '你',
    empty: '还没有事件。刷新一下页面，你自己的请求就会出现在这里。',
    dropped: (n: number) => `你的浏览器跟不上推送速度，服务器丢弃了 ${n} 条事件。`,
    gap: '断线期间的事件已超出服务器缓冲区，已改为显示最新快照。',
    interrupted:
      '实时线路中断了：服务器暂时连不上各实例共享的事件流（Redis）。页面照常可用；线路恢复后会自动接上，期间丢失的事件会如实标出。',
    announce: (n: number) => `过去 10 秒新到 ${n} 条事件`,
    timeUtc: '时间均为 UTC',
  },
  en: {
    heading: 'Live wire',
    status: {
      connecting: 'connecting',
      live: 'live',
      reconnecting: 'reconnecting',
      offline: 'offline',
      interrupted: 'interrupted',
    } satisfies Record<FeedStatus, string>,
    snapshot: 'snapshot — live with JavaScript',
    filters: 'Show',
    onlyMine: 'only mine',
    legendTitle: 'What the rows mean',
    legend: {
      you: '“you” marks what happened on your own connection, streams and feed socket (once the page is live).',
      link: 'Each row links to the section that explains it.',
      channels: {
        tcp: 'TCP connections accepted and closed',
        tls: 'TLS handshakes: version, ALPN, cipher suite',
        h2: 'HTTP/2 sessions and streams opening and closing, RST_STREAM, GOAWAY',
        http: 'every request the server answered: connection, stream, method, route, status, size, time',
        feed: 'the live wire’s own WebSocket sockets',
        readers: 'readers online, per page',
        sockets: 'the server port’s sockets per state (from the kernel)',
      } satisfies Record<Channel, string>,
    },
    pause: 'Pause',
    resume: 'Resume',
    pausedNote: (n: number) => `Paused; ${n} more events have arrived since.`,
    you: 'you',
    empty: 'No events yet. Reload the page and your own requests will appear here.',
    dropped: (n: number) => `Your browser fell behind; the server dropped ${n} events for it.`,
    gap: 'Events from while you were disconnected had left the server’s buffer; showing a fresh snapshot instead.',
    interrupted:
      'The live wire is interrupted: the server cannot reach the event stream its instances share (Redis) right now. The page works as usual; the wire picks up again by itself, and says so if events were lost meanwhile.',
    announce: (n: number) => `${n} new events in the last 10 seconds`,
    timeUtc: 'Times are UTC',
  },
};

const SHOWN = 60;

/** What the list's scrolling needs of its element. */
interface ScrollBox {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
}

/**
 * The list as a scrolling box. This module is also compiled for the server, whose types have no
 * DOM; the list element's scrolling properties are typed here, where only the browser reads them.
 */
function scrollBox(element: object | null): ScrollBox | null {
  return element && 'scrollTop' in element ? (element as ScrollBox) : null;
}
const ANNOUNCE_EVERY_MS = 10_000;

/**
 * HH:MM:SS.mmm in UTC, with or without JavaScript: the server cannot know the reader's time zone,
 * and one page should not show the same event at two different times.
 */
function clock(time: number): string {
  return new Date(time).toISOString().slice(11, 23);
}

/** One event of the wire, as a row of its list. */
export function WireEvent({ event, locale, mine }: { event: FeedEvent; locale: Locale; mine: boolean }) {
  return (
    <li
      className={mine ? 'live-wire__event live-wire__event--mine' : 'live-wire__event'}
      data-channel={event.channel}
      data-mine={mine || undefined}
    >
      <time dateTime={new Date(event.time).toISOString()}>{clock(event.time)}</time>
      <span className="live-wire__channel">{event.channel}</span>
      {mine && <span className="live-wire__you">{STRINGS[locale].you}</span>}
      <a className="live-wire__text" href={explainerOf(event, locale)}>
        {describeEvent(event, locale)}
      </a>
    </li>
  );
}

/**
 * On the server only: each event's row as HTML (unmarked: the server renders what every reader
 * sees), rendered once and reused by every snapshot that shows it. The browser renders the same
 * rows as elements, so hydration finds exactly the markup it would have made.
 */
export const WireEventHtml = createContext<((event: FeedEvent, locale: Locale) => string) | null>(null);

/**
 * A log of the server's real traffic on the chosen channels, oldest first, each row linking to the
 * section that explains it. The server renders the wire as every reader sees it; once the page is
 * live the reader's own events are marked, new ones arrive at the bottom, and the reader can pick
 * channels, keep to their own events, or pause. Screen readers get a summary every ten seconds,
 * not every event.
 */
export function LiveWire({ locale, channels }: { locale: Locale; channels?: Channel[] }) {
  const text = STRINGS[locale];
  const view = useLiveWire(channels);
  const mounted = useMounted();
  const rowHtml = useContext(WireEventHtml);
  const [frozen, setFrozen] = useState<FeedEvent[] | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<Channel>>(new Set());
  const [onlyMine, setOnlyMine] = useState(false);
  const offered = channels ?? [...new Set(view.events.map((event) => event.channel))];
  const shown = (frozen ?? view.events)
    .filter((event) => !hidden.has(event.channel) && (!onlyMine || view.mine.has(event.id)))
    .slice(-SHOWN);
  const arrivedWhilePaused = frozen ? view.events.filter((e) => e.id > (frozen.at(-1)?.id ?? 0)).length : 0;

  // New events arrive at the bottom: follow them while the reader is at the bottom, not once they scroll up.
  const list = useRef<HTMLOListElement>(null);
  const following = useRef(true);
  const newest = shown.at(-1)?.id;
  useLayoutEffect(() => {
    const element = scrollBox(list.current);
    if (element && following.current) element.scrollTop = element.scrollHeight;
  }, [newest, mounted]);

  const [announcement, setAnnouncement] = useState('');
  const latest = useRef(view.events);
  useEffect(() => {
    latest.current = view.events;
  });
  useEffect(() => {
    let seenId = latest.current.at(-1)?.id ?? 0;
    const timer = setInterval(() => {
      const fresh = latest.current.filter((e) => e.id > seenId).length;
      seenId = latest.current.at(-1)?.id ?? seenId;
      setAnnouncement(fresh > 0 ? STRINGS[locale].announce(fresh) : '');
    }, ANNOUNCE_EVERY_MS);
    return () => clearInterval(timer);
  }, [locale]);

  const toggle = (channel: Channel) =>
    setHidden((before) => {
      const after = new Set(before);
      if (!after.delete(channel)) after.add(channel);
      return after;
    });

  return (
    <section className="live-wire" aria-label={text.heading} data-testid="live-wire">
      <header className="live-wire__head">
        <h3>{text.heading}</h3>
        <span
          className={`live-wire__status live-wire__status--${mounted ? view.status : 'snapshot'}`}
          data-testid="live-wire-status"
        >
          {mounted ? text.status[view.status] : text.snapshot}
        </span>
        {mounted && (
          <button
            type="button"
            className="button button--quiet"
            aria-pressed={frozen !== null}
            onClick={() => setFrozen(frozen ? null : view.events)}
          >
            {frozen ? text.resume : text.pause}
          </button>
        )}
      </header>
      {mounted && (
        <fieldset className="live-wire__filters">
          <legend className="visually-hidden">{text.filters}</legend>
          {offered.length > 1 &&
            offered.map((channel) => (
              <label key={channel} className="live-wire__filter">
                <input type="checkbox" checked={!hidden.has(channel)} onChange={() => toggle(channel)} />{' '}
                <span className="live-wire__channel">{channel}</span>
              </label>
            ))}
          <label className="live-wire__filter">
            <input type="checkbox" checked={onlyMine} onChange={() => setOnlyMine((was) => !was)} /> {text.onlyMine}
          </label>
        </fieldset>
      )}
      <p className="widget__note live-wire__times">{text.timeUtc}</p>
      {view.status === 'interrupted' && (
        <p className="widget__note" data-testid="live-wire-interrupted">
          {text.interrupted}
        </p>
      )}
      {frozen && <p className="widget__note">{text.pausedNote(arrivedWhilePaused)}</p>}
      {view.dropped > 0 && <p className="widget__note">{text.dropped(view.dropped)}</p>}
      {view.gaps > 0 && <p className="widget__note">{text.gap}</p>}
      {shown.length === 0 ? (
        <p className="widget__note">{text.empty}</p>
      ) : (
        <ol
          ref={list}
          className="live-wire__events"
          aria-live="off"
          onScroll={(event) => {
            const element = scrollBox(event.currentTarget);
            if (element) following.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
          }}
          dangerouslySetInnerHTML={
            rowHtml ? { __html: shown.map((event) => rowHtml(event, locale)).join('') } : undefined
          }
        >
          {rowHtml
            ? undefined
            : shown.map((event) => (
                <WireEvent key={event.id} event={event} locale={locale} mine={mounted && view.mine.has(event.id)} />
              ))}
        </ol>
      )}
      <details className="live-wire__legend">
        <summary>{text.legendTitle}</summary>
        <dl>
          {(channels ?? (Object.keys(text.legend.channels) as Channel[])).map((channel) => (
            <div key={channel}>
              <dt className="live-wire__channel">{channel}</dt>
              <dd>{text.legend.channels[channel]}</dd>
            </div>
          ))}
          <div>
            <dt>
              <span className="live-wire__you">{text.you}</span>
            </dt>
            <dd>{text.legend.you}</dd>
          </div>
        </dl>
        <p>{text.legend.link}</p>
      </details>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </section>
  );
}
