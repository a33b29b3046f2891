import type { ReactNode } from 'react';
import { LANGUAGE_TAG, pagePath, type Locale } from '../locale';
import type { NavEntry } from '../page';
import { rfcUrl } from '../rfc';
import { SEARCH_STRINGS } from '../search/strings';
import { MAX_QUERY_LENGTH as SEARCH_MAX_QUERY } from '../search/tokenize';
import { LAYOUT_STRINGS } from '../strings';

/** The results page's route name in each locale (`/search`, `/en/search`). */
export const SEARCH_SLUG = 'search';

export interface LayoutProps {
  locale: Locale;
  /** Slug of the page shown, to mark its link as current; null on the not-found page. */
  currentSlug: string | null;
  nav: NavEntry[];
  alternates: { locale: Locale; href: string }[];
  /** The URL of this locale's search index, which the search box fetches once the reader uses it. */
  searchIndex: string | null;
  /** What the search box holds as the page is served: the results page's query. */
  query?: string;
  children: ReactNode;
}

/** The specifications the lessons are checked against, for the footer. */
const SPECS: [rfc: string, name: string][] = [
  ['9293', 'TCP'],
  ['8446', 'TLS 1.3'],
  ['9110', 'HTTP Semantics'],
  ['9111', 'HTTP Caching'],
  ['9113', 'HTTP/2'],
  ['7541', 'HPACK'],
  ['6455', 'WebSocket'],
];

/** Whether a nav entry is the page shown ('page') or the parent of it ('true'). */
function currentness(entry: NavEntry, currentSlug: string | null): 'page' | 'true' | undefined {
  if (entry.slug === currentSlug) return 'page';
  return currentSlug?.startsWith(`${entry.slug}/`) ? 'true' : undefined;
}

/**
 * The frame every page shares: skip link; a header with the brand, the language switch and the
 * lessons, numbered in their suggested order; main; a footer with the lessons again and the specs.
 */
export function Layout({ locale, currentSlug, nav, alternates, searchIndex, query = '', children }: LayoutProps) {
  const text = LAYOUT_STRINGS[locale];
  const searchText = SEARCH_STRINGS[locale];
  const other = alternates[0];
  return (
    <>
      <a className="skip-link" href="#main">
        {text.skipToContent}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <a className="site-brand" href={pagePath(locale, '')} aria-current={currentSlug === '' ? 'page' : undefined}>
            <span className="site-brand__name">{text.siteName}</span>
            <span className="site-brand__tagline">{text.tagline}</span>
          </a>
          {/* A plain form to the results page; with script, a list of hits as the reader types. */}
          <form
            className="site-search"
            role="search"
            action={pagePath(locale, SEARCH_SLUG)}
            method="get"
            data-index={searchIndex ?? undefined}
          >
            <label htmlFor="site-search-input" className="visually-hidden">
              {searchText.label}
            </label>
            <input
              id="site-search-input"
              className="site-search__input"
              type="search"
              name="q"
              defaultValue={query}
              placeholder={searchText.placeholder}
              title={searchText.shortcut}
              aria-keyshortcuts="/"
              autoComplete="off"
              enterKeyHint="search"
              maxLength={SEARCH_MAX_QUERY}
            />
            <button type="submit" className="site-search__submit">
              {searchText.submit}
            </button>
          </form>
          {other && (
            <a
              className="site-lang"
              href={other.href}
              hrefLang={LANGUAGE_TAG[other.locale]}
              lang={LANGUAGE_TAG[other.locale]}
              aria-label={text.languageSwitchLabel}
            >
              {text.languageSwitch}
            </a>
          )}
        </div>
        <nav className="site-nav" aria-label={text.topics}>
          <ol>
            {nav.map((entry, index) => (
              <li key={entry.slug}>
                <a href={entry.href} aria-current={currentness(entry, currentSlug)}>
                  <span className="site-nav__number">{index + 1}</span>
                  {entry.navTitle}
                </a>
              </li>
            ))}
          </ol>
        </nav>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          <section aria-labelledby="footer-about">
            <h2 id="footer-about">{text.about}</h2>
            <p>{text.footer}</p>
            <ul>
              <li>
                <a href={pagePath(locale, 'architecture')}>{text.howBuilt}</a>
              </li>
              <li>
                <a href="/sitemap.xml">{text.sitemap}</a>
              </li>
            </ul>
          </section>
          <nav aria-labelledby="footer-lessons">
            <h2 id="footer-lessons">{text.lessons}</h2>
            <ol>
              {nav.map((entry) => (
                <li key={entry.slug}>
                  <a href={entry.href}>{entry.navTitle}</a>
                </li>
              ))}
            </ol>
          </nav>
          <section aria-labelledby="footer-specs">
            <h2 id="footer-specs">{text.specs}</h2>
            <ul>
              {SPECS.map(([rfc, name]) => (
                <li key={rfc}>
                  <a href={rfcUrl(rfc)}>
                    RFC {rfc} <span className="site-footer__spec">{name}</span>
                  </a>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </footer>
    </>
  );
}
