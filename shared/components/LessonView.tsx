import { Fragment, type ReactNode } from 'react';
import { withSiteOrigin, type Lesson, type LessonBlock } from '../lesson';
import type { Locale } from '../locale';
import type { NavEntry, Wayfinding } from '../page';
import { LAYOUT_STRINGS } from '../strings';

interface LessonViewProps {
  lesson: Lesson;
  locale: Locale;
  /** The site's public origin, which the lesson's commands name. */
  origin: string;
  /** Where the page stands in the site: its breadcrumbs, previous and next. */
  wayfinding: Wayfinding;
  /** How many lessons the suggested order has. */
  lessonCount: number;
  /** What stands where the prose places a widget; `index` counts the page's widgets in document order. */
  renderWidget: (name: string, index: number) => ReactNode;
}

/** A lesson has a contents list once it has more sections than fit on a screen. */
const CONTENTS_FROM = 3;

function Breadcrumbs({ locale, trail, current }: { locale: Locale; trail: NavEntry[]; current: string }) {
  const text = LAYOUT_STRINGS[locale];
  return (
    <nav className="breadcrumbs" aria-label={text.breadcrumb}>
      <ol>
        {trail.map((entry) => (
          <li key={entry.slug}>
            <a href={entry.href}>{entry.slug === '' ? text.siteName : entry.navTitle}</a>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}

/** The previous and next page, as links that say so to browsers and crawlers too (`rel`). */
function Pager({
  locale,
  prev,
  next,
  compact,
}: {
  locale: Locale;
  prev: NavEntry | null;
  next: NavEntry | null;
  compact: boolean;
}) {
  const text = LAYOUT_STRINGS[locale];
  if (!prev && !next) return null;
  const label = (entry: NavEntry) => (compact ? entry.navTitle : entry.title);
  return (
    <nav className={compact ? 'pager pager--compact' : 'pager'} aria-label={text.pager}>
      {prev && (
        <a className="pager__prev" href={prev.href} rel={compact ? undefined : 'prev'}>
          <span className="pager__label">← {text.previous}</span> <span className="pager__title">{label(prev)}</span>
        </a>
      )}
      {next && (
        <a className="pager__next" href={next.href} rel={compact ? undefined : 'next'}>
          <span className="pager__label">{text.next} →</span> <span className="pager__title">{label(next)}</span>
        </a>
      )}
    </nav>
  );
}

/**
 * A lesson: breadcrumbs, its title, lead, contents and sections, with the page's widgets where the
 * prose places them, then the previous and next page. Each section heading links to itself. The
 * contents list is a disclosure on a phone and stays open beside the lesson on a wide screen.
 */
export function LessonView({ lesson, locale, origin, wayfinding, lessonCount, renderWidget }: LessonViewProps) {
  const text = LAYOUT_STRINGS[locale];
  const { trail, prev, next, number } = wayfinding;
  // A child page (a status code) sits among siblings: its own neighbours go on top as well.
  const isChild = trail.length > 1;
  const withContents = lesson.sections.length >= CONTENTS_FROM;
  let widgets = 0;
  const renderBlocks = (blocks: LessonBlock[]) =>
    blocks.map((block, index) =>
      block.kind === 'html' ? (
        <div key={index} className="prose" dangerouslySetInnerHTML={{ __html: withSiteOrigin(block.html, origin) }} />
      ) : (
        <Fragment key={index}>{renderWidget(block.name, widgets++)}</Fragment>
      ),
    );
  return (
    <article className={withContents ? 'lesson lesson--with-contents' : 'lesson'}>
      {trail.length > 0 && (
        <div className="lesson__where">
          <Breadcrumbs locale={locale} trail={trail} current={lesson.meta.navTitle} />
          {isChild && <Pager locale={locale} prev={prev} next={next} compact />}
        </div>
      )}
      <header className="lesson__header">
        {number !== null && <p className="lesson__number">{text.lessonNumber(number, lessonCount)}</p>}
        <h1 className="lesson__title">{lesson.meta.title}</h1>
      </header>
      <div className="lesson__lead">{renderBlocks(lesson.lead)}</div>
      {withContents && (
        <details className="lesson__contents">
          <summary>{text.contents}</summary>
          <nav aria-label={text.contents}>
            <p className="lesson__contents-title" aria-hidden="true">
              {text.contents}
            </p>
            <ol>
              {lesson.sections.map((section) => (
                <li key={section.id}>
                  <a href={`#${section.id}`} dangerouslySetInnerHTML={{ __html: section.heading }} />
                </li>
              ))}
            </ol>
          </nav>
        </details>
      )}
      <div className="lesson__sections">
        {lesson.sections.map((section) => (
          <section key={section.id} className="lesson__section" aria-labelledby={section.id}>
            <h2 id={section.id}>
              <a
                className="heading-anchor"
                href={`#${section.id}`}
                dangerouslySetInnerHTML={{ __html: section.heading }}
              />
            </h2>
            {renderBlocks(section.blocks)}
          </section>
        ))}
      </div>
      <Pager locale={locale} prev={prev} next={next} compact={false} />
    </article>
  );
}
