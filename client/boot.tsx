import { createRoot, hydrateRoot } from 'react-dom/client';
import { PageApp } from '../shared/components/PageApp';
import { markHydrationStart } from '../shared/hydration';
import type { Lesson } from '../shared/lesson';
import { EMBEDDED_STATE_ID, ROOT_ID, type EmbeddedState, type PageDefinition, type PageProps } from '../shared/page';

/**
 * The client half of a page: reads the state the server rendered with and hydrates the same tree
 * (or, when the server sent only the shell, renders it here). Each page's webpack entry calls it.
 */
export function bootPage<Data>(page: Pick<PageDefinition<Data>, 'widgets'>, compiledLesson: Lesson | null): void {
  const stateElement = document.getElementById(EMBEDDED_STATE_ID);
  const container = document.getElementById(ROOT_ID);
  if (!stateElement || !container) throw new Error('page is missing its embedded state or root element');
  const { mode, lesson: embeddedLesson, ...rest } = JSON.parse(stateElement.textContent ?? '') as EmbeddedState<Data>;
  const lesson = compiledLesson ?? embeddedLesson;
  if (!lesson) throw new Error('page has neither a compiled nor an embedded lesson');
  const props: PageProps<Data> = { ...rest, lesson };
  const app = <PageApp page={page} props={props} />;
  if (mode === 'render') {
    createRoot(container).render(app);
    return;
  }
  markHydrationStart();
  hydrateRoot(container, app, {
    // A mismatch is a bug in the page; make it loud so the browser tests see it.
    onRecoverableError: (error) => console.error('hydration error:', error),
  });
}
