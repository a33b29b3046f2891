import type { Locale } from '../shared/locale';
import type { AssetInfo, LabSettings, WidgetProps } from '../shared/page';
import type { ClientBuild } from './client-build';
import type { Site, SitePage } from './site';

/** What a page's props are drawn from, whoever renders it (the shell, the benchmark's baseline). */
export interface PagePropsSources {
  site: Site;
  build: ClientBuild;
  publicOrigin: string;
  labs: LabSettings;
}

export interface LoadedPage {
  /** What every widget of the page renders from in this locale (live islands: with `fresh` data). */
  props: WidgetProps;
  /** The page's client bundle, with sizes. */
  assets: AssetInfo[];
}

/** A page's props in one locale: what its loader returns, once per build. */
export async function loadPageProps(sources: PagePropsSources, page: SitePage, locale: Locale): Promise<LoadedPage> {
  const assets = sources.build.assetsOf(page.entry);
  const data = page.definition.load
    ? await page.definition.load({
        locale,
        nav: sources.site.nav(locale),
        assets,
        key: page.key,
        children: sources.site.childEntries(page, locale),
        labs: sources.labs,
        origin: sources.publicOrigin,
      })
    : null;
  return { props: { locale, slug: page.slug, data }, assets };
}
