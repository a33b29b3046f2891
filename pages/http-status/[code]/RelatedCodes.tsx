import { statusCode } from '../../../shared/http-status/registry';
import { pagePath, type Locale } from '../../../shared/locale';

/** Links to the codes a reader weighing this one should also know. */
export function RelatedCodes({ locale, codes }: { locale: Locale; codes: number[] }) {
  return (
    <ul className="related-codes">
      {codes.map((code) => (
        <li key={code}>
          <a href={pagePath(locale, `http-status/${code}`)}>
            <code>{code}</code> {statusCode(code)?.name}
          </a>
        </li>
      ))}
    </ul>
  );
}
