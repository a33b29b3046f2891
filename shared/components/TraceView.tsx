import { ENDPOINTS } from '../endpoints';
import type { Trace } from '../trace';

/**
 * Asks this server to request `path` of itself and report every head it got, 1xx included; when
 * other readers' traces are running, waits as Retry-After says, a few times.
 */
export async function fetchTrace(path: string, attempts = 3): Promise<Trace | string> {
  const response = await fetch(`${ENDPOINTS.trace}?path=${encodeURIComponent(path)}`, { cache: 'no-store' });
  if (response.status === 429 && attempts > 1) {
    await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get('retry-after') ?? 1)));
    return fetchTrace(path, attempts - 1);
  }
  if (!response.ok) return `${response.status}: ${((await response.json()) as { error: string }).error}`;
  return (await response.json()) as Trace;
}

/** A trace as a client's log would show it: time since the request, status, then the header fields. */
export function TraceView({ trace }: { trace: Trace }) {
  return (
    <>
      <pre className="trace" data-testid="trace">
        {trace.heads
          .map((head) =>
            [
              `+${head.atMs} ms  :status ${head.status}`,
              ...head.headers.map(([name, value]) => `    ${name}: ${value}`),
            ].join('\n'),
          )
          .join('\n')}
      </pre>
      <p className="widget__note">{trace.client}</p>
    </>
  );
}
