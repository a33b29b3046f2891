import { useEffect, useState } from 'react';
import { fetchSessionReport, type SessionReport, type StreamRecord } from '../../shared/http2/session';
import type { Locale } from '../../shared/locale';
import { useMounted } from '../../shared/use-mounted';

const STRINGS = {
  zh: {
    heading: '你的浏览器为每条流说的优先级',
    needsJs: '这部分需要 JavaScript：页面询问 /lab/h2/session，服务器列出它在你这条连接上收到的每个请求的优先级信号。',
    notH2: '这个请求走的是 HTTP/1.1，没有流，也就没有优先级信号。',
    loading: '正在询问服务器……',
    failed: '请求失败',
    summary: (streams: number, weighted: number, headed: number) =>
      `服务器在这条连接上应答过 ${streams} 条流：其中 ${weighted} 条带着不同于默认值 16 的 RFC 7540 权重，${headed} 条带着 RFC 9218 的 priority 头部。`,
    id: '流',
    route: '路由',
    weight: 'RFC 7540 权重',
    header: 'priority 头部',
    none: '（无）',
    refresh: '再问一次',
  },
  en: {
    heading: 'The priority your browser gave each stream',
    needsJs:
      'This part needs JavaScript: the page asks /lab/h2/session, and the server lists the priority signals of every request it received on your connection.',
    notH2: 'This request came over HTTP/1.1: no streams, so no priority signals.',
    loading: 'Asking the server…',
    failed: 'The request failed',
    summary: (streams: number, weighted: number, headed: number) =>
      `The server has answered ${streams} streams on this connection: ${weighted} carried an RFC 7540 weight other than the default 16, ${headed} an RFC 9218 priority header.`,
    id: 'Stream',
    route: 'Route',
    weight: 'RFC 7540 weight',
    header: 'priority header',
    none: '(none)',
    refresh: 'Ask again',
  },
} satisfies Record<Locale, unknown>;

type Load = { kind: 'loading' } | { kind: 'failed' } | { kind: 'done'; report: SessionReport };

const DEFAULT_WEIGHT = 16;

async function askServer(): Promise<Load> {
  try {
    return { kind: 'done', report: await fetchSessionReport() };
  } catch {
    return { kind: 'failed' };
  }
}

/**
 * Both priority schemes as the reader's own browser used them on the connection that carried this
 * page: the RFC 7540 weight of each stream, and the RFC 9218 `priority` header of each request.
 */
export function YourPriorities({ locale }: { locale: Locale }) {
  const text = STRINGS[locale];
  const mounted = useMounted();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  useEffect(() => {
    let current = true;
    void askServer().then((result) => {
      if (current) setLoad(result);
    });
    return () => {
      current = false;
    };
  }, []);

  if (!mounted) return <p className="your-priorities">{text.needsJs}</p>;
  if (load.kind === 'loading') return <p className="your-priorities">{text.loading}</p>;
  if (load.kind === 'failed') return <p className="your-priorities">{text.failed}</p>;
  const { report } = load;
  if (report.protocol !== 'h2') return <p className="your-priorities">{text.notH2}</p>;
  const streams: StreamRecord[] = [...report.streams].sort((a, b) => a.id - b.id);
  const weighted = streams.filter((s) => s.priority.weight !== null && s.priority.weight !== DEFAULT_WEIGHT).length;
  const headed = streams.filter((s) => s.priority.header !== null).length;
  return (
    <div className="your-priorities" data-testid="your-priorities">
      <h3>{text.heading}</h3>
      <p>{text.summary(streams.length, weighted, headed)}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{text.id}</th>
            <th scope="col">{text.route}</th>
            <th scope="col">{text.weight}</th>
            <th scope="col">{text.header}</th>
          </tr>
        </thead>
        <tbody>
          {streams.map((stream) => (
            <tr key={stream.id}>
              <td>{stream.id}</td>
              <td>{stream.route}</td>
              <td>{stream.priority.weight ?? text.none}</td>
              <td>{stream.priority.header === null ? text.none : <code>{stream.priority.header}</code>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button button--quiet" onClick={() => void askServer().then(setLoad)}>
        {text.refresh}
      </button>
    </div>
  );
}
