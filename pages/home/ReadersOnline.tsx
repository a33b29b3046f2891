import { useLiveWire } from '../../shared/feed/context';
import type { Locale } from '../../shared/locale';
import type { NavEntry } from '../../shared/page';

const STRINGS = {
  zh: {
    heading: '此刻在读',
    total: (n: number) => `共 ${n} 位读者打开了本站页面`,
    home: '首页',
    none: '此刻还没有打开实时推送的读者。',
    interrupted: '实时线路中断了，这些数字可能已经过时。',
  },
  en: {
    heading: 'Reading now',
    total: (n: number) =>
      n === 1 ? 'One reader has a page of this site open' : `${n} readers have a page of this site open`,
    home: 'Home',
    none: 'No reader has the live feed open right now.',
    interrupted: 'The live wire is interrupted; these figures may be out of date.',
  },
};

/** How many readers have each page open right now (a reader counts once their page's feed is live). */
export function ReadersOnline({ locale, lessons }: { locale: Locale; lessons: NavEntry[] }) {
  const text = STRINGS[locale];
  const { readers, status } = useLiveWire();
  const pages = [
    { slug: '', title: text.home },
    ...lessons.map((entry) => ({ slug: entry.slug, title: entry.navTitle })),
  ];
  const total = pages.reduce((sum, page) => sum + (readers[page.slug] ?? 0), 0);
  return (
    <div className="readers-online" data-testid="readers-online">
      <h3>{text.heading}</h3>
      {status === 'interrupted' && (
        <p className="widget__note" data-testid="readers-interrupted">
          {text.interrupted}
        </p>
      )}
      {total === 0 ? (
        <p className="widget__note">{text.none}</p>
      ) : (
        <>
          <p>{text.total(total)}</p>
          <dl className="figures">
            {pages.map((page) => (
              <div key={page.slug} className="figures__row">
                <dt>{page.title}</dt>
                <dd data-slug={page.slug}>{readers[page.slug] ?? 0}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </div>
  );
}
