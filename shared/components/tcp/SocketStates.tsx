import { useLiveWire } from '../../feed/context';
import type { FeedEvent } from '../../feed/protocol';
import type { Locale } from '../../locale';
import { TCP_STATES } from '../../tcp/state-machine';

const STRINGS = {
  zh: {
    heading: (port: number) => `此刻服务器端口 ${port} 上的套接字`,
    waiting: '等待服务器发布套接字表……',
    unavailable: (why: string) => `服务器读不到内核的套接字表：${why}。这里不编造数字。`,
    state: '状态',
    count: '数量',
    note: '数字来自服务器每秒读取的 /proc/net/tcp 和 /proc/net/tcp6，只在变化时推送。',
  },
  en: {
    heading: (port: number) => `The server’s sockets on port ${port}, now`,
    waiting: 'Waiting for the server to publish its socket table…',
    unavailable: (why: string) =>
      `The server cannot read the kernel’s socket table: ${why}. No numbers are made up here.`,
    state: 'State',
    count: 'Sockets',
    note: 'Read by the server from /proc/net/tcp and /proc/net/tcp6 every second, and pushed when they change.',
  },
};

/** The server's real socket states on its port, as the kernel lists them, live. */
export function SocketStates({ locale }: { locale: Locale }) {
  const text = STRINGS[locale];
  const { events } = useLiveWire(['sockets']);
  const latest = events.findLast((e): e is FeedEvent<'sockets'> => e.channel === 'sockets');
  if (!latest) return <p className="widget__note">{text.waiting}</p>;
  const { data } = latest;
  if ('unavailable' in data)
    return (
      <p className="widget__note" data-testid="socket-states-unavailable">
        {text.unavailable(data.unavailable)}
      </p>
    );
  return (
    <div className="socket-states" data-testid="socket-states">
      <h3>{text.heading(data.port)}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{text.state}</th>
            <th scope="col">{text.count}</th>
          </tr>
        </thead>
        <tbody>
          {TCP_STATES.filter((state) => state !== 'CLOSED' && state !== 'SYN_SENT').map((state) => (
            <tr key={state} className={data.counts[state] ? 'socket-states__row--busy' : undefined}>
              <td>{state}</td>
              <td data-state={state}>{data.counts[state] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="widget__note">{text.note}</p>
    </div>
  );
}
