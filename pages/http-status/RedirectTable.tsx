import { STATUS_CODES, type RedirectRules, type StatusCode } from '../../shared/http-status/registry';
import { STATUS_STRINGS } from '../../shared/http-status/strings';
import { pagePath, type Locale } from '../../shared/locale';

/** The five redirects that say where to go, with their rules, all from the registry data. */
export const REDIRECTS = STATUS_CODES.filter(
  (entry): entry is StatusCode & { redirect: RedirectRules } => entry.redirect !== undefined,
);

export function RedirectTable({ locale }: { locale: Locale }) {
  const text = STATUS_STRINGS[locale].redirect;
  return (
    <table className="redirect-table" data-testid="redirect-table">
      <caption>{text.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{text.code}</th>
          <th scope="col">{text.permanent}</th>
          <th scope="col">{text.method}</th>
          <th scope="col">{text.body}</th>
          <th scope="col">{text.cache}</th>
        </tr>
      </thead>
      <tbody>
        {REDIRECTS.map((entry) => (
          <tr key={entry.code}>
            <th scope="row">
              <a href={pagePath(locale, `http-status/${entry.code}`)}>
                {entry.code} {entry.name}
              </a>
            </th>
            <td>{entry.redirect.permanent ? text.yes : text.no}</td>
            <td>{text.methods[entry.redirect.method]}</td>
            <td>{text.bodies[entry.redirect.method]}</td>
            <td>{entry.cacheable ? text.yes : text.no}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
