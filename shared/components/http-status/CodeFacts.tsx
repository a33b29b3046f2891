import { classOf, referenceLabel, referenceUrl, type StatusCode } from '../../http-status/registry';
import { STATUS_STRINGS } from '../../http-status/strings';
import type { Locale } from '../../locale';

/** What the registry data says about a code: class, defining document, standing, caching, header fields. */
export function CodeFacts({ locale, entry }: { locale: Locale; entry: StatusCode }) {
  const text = STATUS_STRINGS[locale];
  return (
    <dl className="facts" data-testid="code-facts">
      <dt>{text.facts.class}</dt>
      <dd>{text.classNames[classOf(entry.code)]}</dd>
      <dt>{text.facts.reference}</dt>
      <dd>
        <a href={referenceUrl(entry.reference)}>{referenceLabel(entry.reference)}</a>
      </dd>
      <dt>{text.facts.standing}</dt>
      <dd>
        {text.facts.standings[entry.standing]}
        {entry.expires && `: ${text.facts.expires(entry.expires)}`}
      </dd>
      <dt>{text.facts.cacheable}</dt>
      <dd>{entry.neverStored ? text.facts.neverStored(entry.neverStored) : entry.cacheable ? text.facts.cacheableYes : text.facts.cacheableNo}</dd>
      <dt>{text.facts.headers}</dt>
      <dd>{entry.headers.length === 0 ? text.facts.none : entry.headers.map((name, i) => [i > 0 && ', ', <code key={name}>{name}</code>])}</dd>
    </dl>
  );
}
