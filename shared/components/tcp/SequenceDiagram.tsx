import { useState, type KeyboardEvent } from 'react';
import type { Locale } from '../../locale';
import type { Exchange, ExchangeStep } from '../../tcp/exchanges';
import { useMounted } from '../../use-mounted';
import { segmentText, SequenceSvg } from './SequenceSvg';

const STRINGS = {
  zh: {
    client: '客户端',
    server: '服务器',
    legend: '数字的颜色表示它计的是哪一方的字节流：确认号（ack）与它所确认的那一方的序号（seq）同色。',
    previous: '上一步',
    next: '下一步',
    reset: '从头开始',
    before: '开始之前',
    stepOf: (n: number, total: number) => `第 ${n} 步，共 ${total} 步`,
    sends: (side: string, flags: string) => `${side}发送 ${flags}`,
    event: {
      'active-open': '主动打开（connect）',
      'passive-open': '被动打开（listen）',
      send: '发送',
      close: '关闭（close）',
      'rcv-syn': '收到 SYN',
      'rcv-syn-ack': '收到 SYN+ACK',
      'rcv-ack': '收到 ACK',
      'rcv-fin': '收到 FIN',
      'rcv-fin-ack': '收到 FIN+ACK',
      timeout: '2MSL 计时器到期',
      'rcv-rst': '收到 RST',
    },
    states: (client: string, server: string) => `客户端 ${client}，服务器 ${server}`,
    colon: '：',
    semicolon: '；',
    period: '。',
  },
  en: {
    client: 'Client',
    server: 'Server',
    legend: 'A number’s colour says whose byte stream it counts: an ack has the colour of the seq it acknowledges.',
    previous: 'Previous',
    next: 'Next',
    reset: 'Start over',
    before: 'Before it starts',
    stepOf: (n: number, total: number) => `Step ${n} of ${total}`,
    sends: (side: string, flags: string) => `${side} sends ${flags}`,
    event: {
      'active-open': 'active open (connect)',
      'passive-open': 'passive open (listen)',
      send: 'send',
      close: 'close',
      'rcv-syn': 'receives SYN',
      'rcv-syn-ack': 'receives SYN+ACK',
      'rcv-ack': 'receives ACK',
      'rcv-fin': 'receives FIN',
      'rcv-fin-ack': 'receives FIN+ACK',
      timeout: '2MSL timer expires',
      'rcv-rst': 'receives RST',
    },
    states: (client: string, server: string) => `client ${client}, server ${server}`,
    colon: ': ',
    semicolon: '; ',
    period: '. ',
  },
};

/**
 * A two-lane sequence diagram of an exchange, computed by the state machine: every segment with
 * its seq/ack and each side's state after each step. The server renders all of it; in the browser
 * the reader steps through it (buttons or arrow keys): steps not yet taken are not drawn, and the
 * step just taken is highlighted and described.
 */
export function SequenceDiagram({
  exchange,
  locale,
  title,
  testId,
}: {
  exchange: Exchange;
  locale: Locale;
  title: string;
  testId: string;
}) {
  const text = STRINGS[locale];
  const mounted = useMounted();
  const { steps } = exchange;
  const [shown, setShown] = useState(0); // how many steps have happened
  const go = (n: number) => setShown(Math.max(0, Math.min(steps.length, n)));
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') go(shown + 1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') go(shown - 1);
    else return;
    event.preventDefault();
  };
  const visible = mounted ? shown : steps.length;
  const current = steps[visible - 1] ?? exchange.start;
  const describe = (step: ExchangeStep) =>
    `${text[step.side]}${text.colon}${text.event[step.event]}${step.segment ? `${text.semicolon}${text.sends(text[step.side], step.segment.flags.replace(',', '+'))}` : ''} → ${text.states(step.client, step.server)}`;

  return (
    <figure className="sequence" onKeyDown={mounted ? onKeyDown : undefined} data-testid={testId}>
      <figcaption>{title}</figcaption>
      <SequenceSvg
        exchange={exchange}
        locale={locale}
        shown={visible}
        current={mounted && visible > 0 ? visible - 1 : null}
        title={title}
      />
      <p className="widget__note">{text.legend}</p>
      {mounted && (
        <div className="stepper">
          {/* aria-disabled, not disabled: a disabled button drops the keyboard focus the arrow keys need. */}
          <button
            type="button"
            className="button button--quiet"
            onClick={() => go(shown - 1)}
            aria-disabled={shown === 0}
          >
            {text.previous}
          </button>
          <button type="button" className="button" onClick={() => go(shown + 1)} aria-disabled={shown === steps.length}>
            {text.next}
          </button>
          <button type="button" className="button button--quiet" onClick={() => go(0)} aria-disabled={shown === 0}>
            {text.reset}
          </button>
          <p aria-live="polite" className="stepper__now" data-testid={`${testId}-now`}>
            {shown === 0
              ? `${text.before}${text.colon}${text.states(exchange.start.client, exchange.start.server)}`
              : `${text.stepOf(shown, steps.length)}${text.period}${describe(steps[shown - 1]!)}`}
          </p>
          <p className="visually-hidden" data-testid={`${testId}-states`}>
            {current.client} {current.server}
          </p>
        </div>
      )}
      <ol className="sequence__steps">
        {steps.map((step, index) => (
          <li key={index} aria-current={mounted && index === shown - 1 ? 'step' : undefined}>
            {describe(step)}
            {step.segment && <code className="sequence__segment">{segmentText(step)}</code>}
          </li>
        ))}
      </ol>
    </figure>
  );
}
