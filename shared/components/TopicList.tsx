import type { NavEntry } from '../page';

/** Pages as a list of links with their one-line descriptions. */
export function TopicList({ entries, className = '' }: { entries: NavEntry[]; className?: string }) {
  return (
    <ul className={`topic-map ${className}`.trim()} data-testid="topic-map">
      {entries.map((entry) => (
        <li key={entry.slug}>
          <a href={entry.href}>{entry.title}</a>
          <p>{entry.description}</p>
        </li>
      ))}
    </ul>
  );
}
