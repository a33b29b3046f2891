import { createRoot, hydrateRoot } from 'react-dom/client';
import { IslandRoot } from '../shared/components/IslandRoot';
import { addCopyButtons } from '../shared/copy-buttons';
import { FeedStore } from '../shared/feed/store';
import { browserFeed } from './feed-browser';
import { markHydrationEnd, markHydrationStart } from '../shared/hydration';
import { enhanceLayout } from './layout-enhance';
import { fillYourValues } from './your-values';
import { followProgress } from './lesson-progress';
import {
  EMBEDDED_STATE_ID,
  ISLAND_ATTRIBUTE,
  islandIdPrefix,
  RENDER_IN_BROWSER_ATTRIBUTE,
  type EmbeddedState,
  type Islands,
} from '../shared/page';

/**
 * The browser half of a page: each island the server marked gets its own React root, hydrated from
 * the state the server rendered it with (or rendered here, where the server left it to the
 * browser). The prose around them is plain HTML and stays so. Each page's webpack entry calls it.
 */
export function bootIslands<Data>(islands: Islands<Data>): void {
  const stateElement = document.getElementById(EMBEDDED_STATE_ID);
  if (!stateElement) throw new Error('page is missing its embedded state');
  const { wire, data, fresh, ...page } = JSON.parse(stateElement.textContent ?? '') as EmbeddedState<Data>;
  // The prose and the layout are plain HTML; their enhancements come now, islands or not.
  addCopyButtons(document, page.locale);
  enhanceLayout(document, page.locale);
  followProgress(document, page.slug, page.locale);
  const store = new FeedStore(wire, page.slug, browserFeed);
  // The prose's own answers name the reader's connection: filled now, and again if the feed learns it later.
  let you = store.getView().you;
  fillYourValues(document, you);
  store.subscribe(() => {
    if (store.getView().you === you) return;
    you = store.getView().you;
    fillYourValues(document, you);
  });
  const containers = [...document.querySelectorAll<HTMLElement>(`[${ISLAND_ATTRIBUTE}]`)];
  let uncommitted = containers.length;
  // The feed starts once every island has committed, so no update races a hydration.
  const committed = () => {
    if (--uncommitted > 0) return;
    markHydrationEnd();
    store.start();
  };
  markHydrationStart();
  for (const container of containers) {
    const name = container.dataset.widget ?? '';
    const island = islands[name];
    if (!island) throw new Error(`the page has no island named "${name}"`);
    const props = { ...page, data: island.render === 'personal' && fresh !== null ? fresh : data };
    const element = (
      <IslandRoot store={island.render === 'hydrated' ? null : store} onCommitted={committed}>
        <island.component {...props} />
      </IslandRoot>
    );
    const identifierPrefix = islandIdPrefix(Number(container.getAttribute(ISLAND_ATTRIBUTE)));
    if (container.hasAttribute(RENDER_IN_BROWSER_ATTRIBUTE)) {
      createRoot(container, { identifierPrefix }).render(element);
      continue;
    }
    hydrateRoot(container, element, {
      identifierPrefix,
      // A mismatch is a bug in the page; make it loud so the browser tests see it.
      onRecoverableError: (error) => console.error('hydration error:', error),
    });
  }
}
