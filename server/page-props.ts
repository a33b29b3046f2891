import { alternatesOf, type Locale } from '../shared/locale';
import type { AssetInfo, LabSettings, PageProps } from '../shared/page';
import type { WireState } from '../shared/feed/state';
import type { ClientBuild } from './client-build';
import type { Site, SitePage } from './site';

/** What every render of a page draws its props from, whoever renders it (the server, the benchmark). */
export interface PagePropsSources {
  site: Site;
  build: ClientBuild;
  publicOrigin: string;
  labs: LabSettings;
}

export interface LoadedPage {
  props: PageProps;
  /** The page's client bundle in this locale, with sizes. */
  assets: AssetInfo[];
}

/** The props of one render of `page`: its lesson, navigation, the data its loader returns, the wire as given. */
export async function loadPageProps(
  sources: PagePropsSources,
  page: SitePage,
  locale: Locale,
  wire: WireState,
): Promise<LoadedPage> {
  const assets = sources.build.assetsOf(page.entries[locale]);
  const data = page.definition.load
    ? await page.definition.load({
        locale,
        assets,
        key: page.key,
        children: sources.site.childEntries(page, locale),
        labs: sources.labs,
        origin: sources.publicOrigin,
      })
    : null;
  const props: PageProps = {
    locale,
    slug: page.slug,
    lesson: page.lessons[locale],
    nav: sources.site.nav(locale),
    alternates: alternatesOf(locale, page.slug),
    data,
    wire,
  };
  return { props, assets };
}
