import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Layout } from '../shared/components/Layout';
import { TopicList } from '../shared/components/TopicList';
import { alternatesOf, DEFAULT_LOCALE, LOCALES, pagePath, type Locale } from '../shared/locale';
import { LAYOUT_STRINGS } from '../shared/strings';
import { STATUS_STRINGS, type Arrival } from '../shared/http-status/strings';
import type { NavEntry } from '../shared/page';
import type { ClientBuild } from './client-build';
import { documentStart } from './document';
import type { Site } from './site';

const ERROR_TEXT = {
  zh: { title: '服务器出错了', body: '这个请求没能完成。问题已经记录下来，请稍后再试。', home: '回到首页' },
  en: {
    title: 'Something went wrong',
    body: 'This request could not be completed. The problem has been logged; please try again later.',
    home: 'Back to the home page',
  },
} satisfies Record<Locale, Record<string, string>>;

/** The locale a path asked for, even when the path leads nowhere. */
export function localeOfPath(path: string): Locale {
  const first = path.split('/')[1];
  return LOCALES.find((l) => l !== DEFAULT_LOCALE && l === first) ?? DEFAULT_LOCALE;
}

interface StaticPage {
  site: Site;
  build: ClientBuild;
  locale: Locale;
  nonce: string;
}

/**
 * A page without a script: the layout, a heading and a message, in the reader's locale. `query` is
 * what the header's search box shows (the results page's own query).
 */
export function staticDocument(
  { site, build, locale, nonce }: StaticPage,
  title: string,
  body: ReactNode,
  { query = '' }: { query?: string } = {},
): string {
  const markup = renderToStaticMarkup(
    <Layout
      locale={locale}
      currentSlug={null}
      nav={site.nav(locale)}
      alternates={alternatesOf(locale, '')}
      searchIndex={build.searchIndex(locale)}
      query={query}
    >
      <article className="lesson">
        <h1 className="lesson__title">{title}</h1>
        {body}
      </article>
    </Layout>,
  );
  const head = {
    locale,
    title: `${title} · Wirebook`,
    description: title,
    slug: null,
    publicOrigin: '',
    styles: build.sharedStyles,
    scripts: [],
    jsonLd: null,
    nonce,
  };
  return `${documentStart(head)}${markup}\n</body>\n</html>\n`;
}

/** The 404 page: what happened, the nearest real pages when the site knows them, and the topics. */
export function notFoundDocument(page: StaticPage, nearby: NavEntry[] = []): string {
  const text = LAYOUT_STRINGS[page.locale];
  return staticDocument(
    page,
    text.notFoundTitle,
    <>
      {nearby.length > 0 && (
        <>
          <p>{text.notFoundNearby}</p>
          <TopicList entries={nearby} className="not-found__nearby" />
        </>
      )}
      <p>{text.notFoundBody}</p>
      <TopicList entries={page.site.nav(page.locale)} className="not-found__suggest" />
    </>,
  );
}

/** The 500 page. It never carries the error: internals stay in the log. */
export function errorDocument(page: StaticPage): string {
  const text = ERROR_TEXT[page.locale];
  return staticDocument(
    page,
    text.title,
    <>
      <p>{text.body}</p>
      <p>
        <a href={pagePath(page.locale, '')}>{text.home}</a>
      </p>
    </>,
  );
}

/** The redirect lab's answer as a page, for a form sent without JavaScript. */
export function arrivalDocument(page: StaticPage, arrival: Arrival): string {
  const text = STATUS_STRINGS[page.locale].redirect;
  return staticDocument(
    page,
    text.resultTitle(arrival.via),
    <>
      <dl className="facts">
        <dt>{text.arrivedAs}</dt>
        <dd>
          <code>{arrival.method}</code>
        </dd>
        <dt>{text.bodyArrived}</dt>
        <dd>{arrival.bodyBytes > 0 ? text.bodyKept(arrival.bodyBytes, arrival.body) : text.bodyLost}</dd>
      </dl>
      <p>
        <a href={`${pagePath(page.locale, 'http-status')}#redirects`}>{text.back}</a>
      </p>
    </>,
  );
}
