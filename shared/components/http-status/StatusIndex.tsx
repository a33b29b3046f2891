import { useState } from 'react';
import { classOf, STATUS_CODES, type StatusClass } from '../../http-status/registry';
import { STATUS_STRINGS } from '../../http-status/strings';
import type { Locale } from '../../locale';
import type { NavEntry } from '../../page';
import { useMounted } from '../../use-mounted';

const CLASSES: StatusClass[] = [1, 2, 3, 4, 5];

/** Whether a code's entry matches what the reader typed: a number prefix, or words in its title or meaning. */
function matches(entry: NavEntry, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  if (/^[0-9x]+$/.test(q)) return entry.navTitle.startsWith(q.replace(/x+$/, ''));
  const haystack = `${entry.title} ${entry.description}`.toLowerCase();
  return q.split(/\s+/).every((word) => haystack.includes(word));
}

/** Every registered code, grouped by class; complete without JavaScript, filterable with it. */
export function StatusIndex({ locale, entries }: { locale: Locale; entries: NavEntry[] }) {
  const text = STATUS_STRINGS[locale];
  const mounted = useMounted();
  const [query, setQuery] = useState('');
  const shown = entries.filter((entry) => matches(entry, query));
  const byCode = new Map(STATUS_CODES.map((entry) => [String(entry.code), entry]));
  return (
    <div className="status-index" data-testid="status-index">
      {mounted && (
        <p>
          <label>
            {text.index.filter} <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} />
          </label>{' '}
          <span role="status">{shown.length === 0 ? text.index.empty : text.index.count(shown.length, entries.length)}</span>
        </p>
      )}
      {CLASSES.map((statusClass) => {
        const members = shown.filter((entry) => classOf(Number(entry.navTitle)) === statusClass);
        if (members.length === 0) return null;
        return (
          <section key={statusClass} aria-label={text.classNames[statusClass]}>
            <h3>{text.classNames[statusClass]}</h3>
            <ul className="status-index__list">
              {members.map((entry) => (
                <li key={entry.slug} className={byCode.get(entry.navTitle)?.standing === 'current' ? undefined : 'status-index__dim'}>
                  <a href={entry.href}>
                    <code>{entry.navTitle}</code> {byCode.get(entry.navTitle)?.name}
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
