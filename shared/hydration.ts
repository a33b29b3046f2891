import { useEffect, useState } from 'react';

const START = 'wirebook:hydrate-start';
const MEASURE = 'wirebook:hydrate';
const DONE_EVENT = 'wirebook:hydrated';

/** Called by the client bootstrap right before hydrateRoot. */
export function markHydrationStart(): void {
  performance.mark(START);
}

/** Called by the root component's first effect, which runs once the whole tree has hydrated. */
export function markHydrationEnd(): void {
  if (performance.getEntriesByName(START).length === 0) return; // a client-only render is not a hydration
  performance.measure(MEASURE, START);
  window.dispatchEvent(new Event(DONE_EVENT));
}

/** How long this page's hydration took in this browser, in ms; null until it is known. */
export function useHydrationDuration(): number | null {
  const [duration, setDuration] = useState<number | null>(null);
  useEffect(() => {
    const read = () => {
      const entry = performance.getEntriesByName(MEASURE).at(-1);
      if (entry) setDuration(entry.duration);
    };
    read();
    window.addEventListener(DONE_EVENT, read);
    return () => window.removeEventListener(DONE_EVENT, read);
  }, []);
  return duration;
}
