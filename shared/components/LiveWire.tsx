import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { useLiveWire } from '../feed/context';
import { describeEvent } from '../feed/describe';
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
      <span className="live-wire__text">{describeEvent(event, locale)}</span>
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
 * A log of the server's real traffic on the chosen channels, newest first, with the reader's own
 * events marked once the page is live (the server renders the wire as every reader sees it). Screen readers get a summary every ten seconds, not every event.
 */
export function LiveWire({ locale, channels }: { locale: Locale; channels?: Channel[] }) {
  const text = STRINGS[locale];
  const view = useLiveWire(channels);
  const mounted = useMounted();
  const rowHtml = useContext(WireEventHtml);
  const [frozen, setFrozen] = useState<FeedEvent[] | null>(null);
  const shown = (frozen ?? view.events).slice(-SHOWN).reverse();
  const arrivedWhilePaused = frozen ? view.events.filter((e) => e.id > (frozen.at(-1)?.id ?? 0)).length : 0;

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

  return (
    <section className="live-wire" aria-label={text.heading} data-testid="live-wire">
      <header className="live-wire__head">
        <h3>{text.heading}</h3>
        <span className={`live-wire__status live-wire__status--${view.status}`} data-testid="live-wire-status">
          {text.status[view.status]}
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
          className="live-wire__events"
          aria-live="off"
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
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </section>
  );
}
