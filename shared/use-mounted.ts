import { useEffect, useState } from 'react';

/**
 * False during the server render and the hydration pass, true once the page is live in a browser:
 * controls that need JavaScript appear only then, so the server HTML never offers a dead button.
 */
export function useMounted(): boolean {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}
