import { useState } from 'react';
import { labShowsTrace, type StatusCode } from '../../../shared/http-status/registry';
import { STATUS_STRINGS } from '../../../shared/http-status/strings';
import type { Locale } from '../../../shared/locale';
import { useMounted } from '../../../shared/use-mounted';
import type { Trace } from '../../../shared/trace';
import { fetchTrace, TraceView } from '../../../shared/components/TraceView';
import { endpointPath } from '../../../shared/endpoints';

/** A response head as the browser handed it to this script. */
interface ReceivedHead {
  label: string;
  status: number;
  statusText: string;
  protocol: string;
  headers: [string, string][];
  redirectedTo: string | null;
}

type Outcome =
  { kind: 'heads'; heads: ReceivedHead[] } | { kind: 'trace'; trace: Trace } | { kind: 'failed'; message: string };

const labPath = (code: number) => endpointPath('statusLab', { code });

async function fetchHead(label: string, url: string, headers: Record<string, string> = {}): Promise<ReceivedHead> {
  const response = await fetch(url, { headers, cache: 'no-store' });
  await response.arrayBuffer();
  // Resource Timing names an entry by the URL requested, even when a redirect was followed.
  const [timing] = performance
    .getEntriesByName(new URL(url, location.href).href)
    .slice(-1) as PerformanceResourceTiming[];
  return {
    label,
    status: response.status,
    statusText: response.statusText,
    protocol: timing?.nextHopProtocol ?? '',
    headers: [...response.headers.entries()],
    redirectedTo: response.redirected ? new URL(response.url).pathname : null,
  };
}

/** What one click does for a code, by how the lab can send it. */
async function run(
  entry: StatusCode,
  conditionalLabels: { first: string; second: (header: string) => string },
  receivedLabel: string,
): Promise<Outcome> {
  const url = labPath(entry.code);
  const plan = entry.lab;
  if (labShowsTrace(entry)) {
    const trace = await fetchTrace(url);
    return typeof trace === 'string' ? { kind: 'failed', message: trace } : { kind: 'trace', trace };
  }
  if (plan.kind === 'conditional') {
    const { header, value } = plan.when;
    const first = await fetchHead(conditionalLabels.first, url);
    const second = await fetchHead(conditionalLabels.second(`${header}: ${value}`), url, { [header]: value });
    return { kind: 'heads', heads: [first, second] };
  }
  return { kind: 'heads', heads: [await fetchHead(receivedLabel, url)] };
}

function summaryOf(outcome: Outcome, text: (typeof STATUS_STRINGS)[Locale]['lab']): string {
  if (outcome.kind === 'failed') return outcome.message;
  if (outcome.kind === 'trace') return text.traceSummary(outcome.trace.heads.map((head) => head.status));
  return outcome.heads.map((head) => text.headSummary(head.status, head.protocol || '?')).join(' ');
}

function HeadView({
  head,
  required,
  text,
}: {
  head: ReceivedHead;
  /** The fields this code needs (its registry entry's), shown first; the rest is folded. */
  required: string[];
  text: (typeof STATUS_STRINGS)[Locale]['lab'];
}) {
  const needed = new Set(required.map((name) => name.toLowerCase()));
  const line = ([name, value]: [string, string]) => `${name}: ${value}`;
  const own = head.headers.filter(([name]) => needed.has(name.toLowerCase()));
  const rest = head.headers.filter(([name]) => !needed.has(name.toLowerCase()));
  return (
    <div className="send-it__head">
      <h4>{head.label}</h4>
      <p data-testid="send-it-status">
        {text.status}
        <strong>{head.status}</strong> {head.statusText} · {text.protocol}
        <code>{head.protocol || '?'}</code>
      </p>
      {head.redirectedTo && <p className="widget__note">{text.redirected(head.redirectedTo)}</p>}
      {own.length > 0 && (
        <pre className="send-it__needed" data-testid="send-it-needed">
          {own.map(line).join('\n')}
        </pre>
      )}
      <details className="send-it__rest">
        <summary>{text.otherFields(rest.length)}</summary>
        <pre data-testid="send-it-headers">{rest.map(line).join('\n')}</pre>
      </details>
    </div>
  );
}

/** The "send it" button of a code page: a real request to the lab, and the response head as received. */
/** `origin` is the site's public one, for the curl command before the page knows its own address. */
export function SendIt({ locale, entry, origin }: { locale: Locale; entry: StatusCode; origin: string }) {
  const text = STATUS_STRINGS[locale].lab;
  const mounted = useMounted();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const url = labPath(entry.code);
  const curl = `curl -ik ${entry.lab.kind === 'h1-only' ? '--http1.1' : '--http2'} ${mounted ? location.origin : origin}${url}`;
  if (entry.lab.kind === 'explained') return <p data-testid="send-it-explained">{text.explained[entry.lab.because]}</p>;
  const send = async () => {
    if (busy) return;
    setBusy(true);
    try {
      setOutcome(await run(entry, { first: text.conditionalFirst, second: text.conditionalSecond }, text.received));
    } catch (error) {
      setOutcome({ kind: 'failed', message: `${text.failed}: ${(error as Error).message}` });
    }
    setBusy(false);
  };
  return (
    <div className="send-it" data-testid="send-it">
      {entry.lab.kind === 'h1-only' && <p>{text.h1Only}</p>}
      {!mounted && (
        <p className="widget__note">
          {text.needsJs} <a href={url}>{url}</a>
        </p>
      )}
      {mounted && (
        <p>
          <button type="button" className="button" onClick={send} aria-disabled={busy}>
            {busy ? text.sending : text.send(entry.code)}
          </button>
        </p>
      )}
      <p className="widget__note">
        {text.curl} <code>{curl}</code>
      </p>
      {/* One line for screen readers; the heads themselves are below, outside the live region. */}
      <p role="status" className="send-it__summary">
        {outcome && summaryOf(outcome, text)}
      </p>
      <div>
        {outcome?.kind === 'failed' && <p>{outcome.message}</p>}
        {outcome?.kind === 'heads' &&
          outcome.heads.map((head) => <HeadView key={head.label} head={head} required={entry.headers} text={text} />)}
        {outcome?.kind === 'trace' && (
          <>
            <p>{text.interim(entry.code)}</p>
            <TraceView trace={outcome.trace} />
          </>
        )}
      </div>
    </div>
  );
}
