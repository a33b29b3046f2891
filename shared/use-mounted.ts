import { useSyncExternalStore } from 'react';

const neverChanges = () => () => {};

/**
 * False during the server render and the hydration pass, true once the page is live in a browser:
 * controls that need JavaScript appear only then, so the server HTML never offers a dead button.
 * React hydrates with the server snapshot and re-renders with the client's at once.
 */
export function useMounted(): boolean {
  return useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );
}
