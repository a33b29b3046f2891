import type { NavEntry } from '../../shared/page';

/**
 * The lessons in their suggested order, each with a place for how far this browser has read it.
 * A static widget: it ships no script. With script, the page fills the places from what this
 * browser remembers (client/lesson-progress.ts); without, it is the numbered list alone.
 */
export function LessonPath({ entries }: { entries: NavEntry[] }) {
  return (
    <div className="lesson-path" data-testid="lesson-path">
      <p className="lesson-path__summary" data-progress-summary="" hidden />
      <ol className="lesson-path__list">
        {entries.map((entry) => (
          <li key={entry.slug}>
            <a href={entry.href}>{entry.title}</a>{' '}
            <span className="lesson-path__state" data-progress-for={entry.slug} />
            <p>{entry.description}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
