import type { ReactNode } from 'react';
import { LANGUAGE_TAG, pagePath, type Locale } from '../locale';
import type { NavEntry } from '../page';
import { LAYOUT_STRINGS } from '../strings';

export interface LayoutProps {
  locale: Locale;
  /** Slug of the page shown, to mark its link as current; null on the not-found page. */
  currentSlug: string | null;
  nav: NavEntry[];
  alternates: { locale: Locale; href: string }[];
  children: ReactNode;
}

/** The frame every page shares: skip link, header with topics and language switch, main, footer. */
export function Layout({ locale, currentSlug, nav, alternates, children }: LayoutProps) {
  const text = LAYOUT_STRINGS[locale];
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
          <nav className="site-nav" aria-label={text.topics}>
            <ul>
              {nav.map((entry) => (
                <li key={entry.slug}>
                  <a
                    href={entry.href}
                    aria-current={
                      entry.slug === currentSlug
                        ? 'page'
                        : currentSlug?.startsWith(`${entry.slug}/`)
                          ? 'true'
                          : undefined
                    }
                  >
                    {entry.navTitle}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
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
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{text.footer}</p>
      </footer>
    </>
  );
}
