import { classOf, referenceLabel, referenceUrl, type StatusCode } from '../../../shared/http-status/registry';
import { STATUS_STRINGS } from '../../../shared/http-status/strings';
import { pagePath, type Locale } from '../../../shared/locale';

function cachingFact(entry: StatusCode, facts: (typeof STATUS_STRINGS)[Locale]['facts']): string {
  if (classOf(entry.code) === 1) return facts.interim;
  if (entry.code === 304) return facts.validator;
  if (entry.neverStored) return facts.neverStored;
  return entry.cacheable ? facts.cacheableYes : facts.cacheableNo;
}

/** What the registry data says about a code: class, defining document, standing, caching, header fields. */
export function CodeFacts({ locale, entry }: { locale: Locale; entry: StatusCode }) {
  const text = STATUS_STRINGS[locale];
  return (
    <dl className="facts" data-testid="code-facts">
      <dt>{text.facts.class}</dt>
      <dd>
        <a
          href={`${pagePath(locale, 'http-status')}#class-${classOf(entry.code)}xx`}
          className={`status-class status-class--${classOf(entry.code)}`}
        >
          {text.classNames[classOf(entry.code)]}
        </a>
      </dd>
      <dt>{text.facts.reference}</dt>
      <dd>
        <a href={referenceUrl(entry.reference)}>{referenceLabel(entry.reference)}</a>
      </dd>
      <dt>{text.facts.standing}</dt>
      <dd>
        {text.facts.standings[entry.standing]}
        {entry.expires && text.facts.expires(entry.expires)}
      </dd>
      <dt>{text.facts.cacheable}</dt>
      <dd>{cachingFact(entry, text.facts)}</dd>
      <dt>{text.facts.headers}</dt>
      <dd>
        {entry.headers.length === 0
          ? text.facts.none
          : entry.headers.map((name, i) => [i > 0 && text.facts.listSeparator, <code key={name}>{name}</code>])}
      </dd>
    </dl>
  );
}
