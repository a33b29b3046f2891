import { useState } from 'react';
import { classOf, statusCode, type StatusClass } from '../../shared/http-status/registry';
import { STATUS_STRINGS } from '../../shared/http-status/strings';
import type { Locale } from '../../shared/locale';
import type { NavEntry } from '../../shared/page';
import { useMounted } from '../../shared/use-mounted';

const CLASSES: StatusClass[] = [1, 2, 3, 4, 5];

/** Whether a code's entry matches what the reader typed: a number prefix (`30`, `4xx`), or words in its title, former names or meaning. */
function matches(entry: NavEntry, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  if (/^[1-5][0-9x]{0,2}$/.test(q)) return entry.navTitle.startsWith(q.replace(/x+$/, ''));
  const aliases = statusCode(Number(entry.navTitle))?.aliases ?? [];
  const haystack = `${entry.title} ${aliases.join(' ')} ${entry.description}`.toLowerCase();
  return q.split(/\s+/).every((word) => haystack.includes(word));
}

/** A code's name as its page titles it: the registry's, with the Chinese gloss on the zh site. */
const nameOf = (entry: NavEntry) => entry.title.replace(/^HTTP [0-9]{3} /, '');

/** Every registered code, grouped by class; complete without JavaScript, filterable with it. */
export function StatusIndex({ locale, entries }: { locale: Locale; entries: NavEntry[] }) {
  const text = STATUS_STRINGS[locale];
  const mounted = useMounted();
  const [query, setQuery] = useState('');
  const shown = entries.filter((entry) => matches(entry, query));
  return (
    <div className="status-index" data-testid="status-index">
      <nav aria-label={text.index.jumps}>
        <ul className="status-index__jumps">
          {CLASSES.map((statusClass) => (
            <li key={statusClass}>
              <a href={`#class-${statusClass}xx`} className={`status-class status-class--${statusClass}`}>
                {statusClass}xx
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {mounted && (
        <p>
          <label>
            {text.index.filter} <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
          </label>{' '}
          <span role="status">
            {shown.length === 0 ? text.index.empty : text.index.count(shown.length, entries.length)}
          </span>
        </p>
      )}
      {CLASSES.map((statusClass) => {
        const members = shown.filter((entry) => classOf(Number(entry.navTitle)) === statusClass);
        if (members.length === 0) return null;
        return (
          <section key={statusClass} aria-labelledby={`class-${statusClass}xx`}>
            <h3 id={`class-${statusClass}xx`} className={`status-index__class status-class--${statusClass}`}>
              {text.classNames[statusClass]}
            </h3>
            <ul className={`status-index__list status-class--${statusClass}`}>
              {members.map((entry) => (
                <li
                  key={entry.slug}
                  className={
                    statusCode(Number(entry.navTitle))?.standing === 'current' ? undefined : 'status-index__dim'
                  }
                >
                  <a href={entry.href}>
                    <code className="status-index__code">{entry.navTitle}</code> {nameOf(entry)}
                  </a>{' '}
                  <span className="status-index__meaning">{entry.description}</span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
