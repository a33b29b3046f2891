import { Fragment, type ReactNode } from 'react';
import { withSiteOrigin, type Lesson, type LessonBlock } from '../lesson';
import type { Locale } from '../locale';
import { LAYOUT_STRINGS } from '../strings';

interface LessonViewProps {
  lesson: Lesson;
  locale: Locale;
  /** The site's public origin, which the lesson's commands name. */
  origin: string;
  /** What stands where the prose places a widget; `index` counts the page's widgets in document order. */
  renderWidget: (name: string, index: number) => ReactNode;
}

/** A lesson: its title, lead, contents and sections, with the page's widgets where the prose places them. */
export function LessonView({ lesson, locale, origin, renderWidget }: LessonViewProps) {
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
    <article className="lesson">
      <h1 className="lesson__title">{lesson.meta.title}</h1>
      <div className="lesson__lead">{renderBlocks(lesson.lead)}</div>
      {lesson.sections.length > 2 && (
        <nav className="lesson__toc" aria-label={LAYOUT_STRINGS[locale].contents}>
          <ol>
            {lesson.sections.map((section) => (
              <li key={section.id}>
                <a href={`#${section.id}`} dangerouslySetInnerHTML={{ __html: section.heading }} />
              </li>
            ))}
          </ol>
        </nav>
      )}
      {lesson.sections.map((section) => (
        <section key={section.id} className="lesson__section" aria-labelledby={section.id}>
          <h2 id={section.id} dangerouslySetInnerHTML={{ __html: section.heading }} />
          {renderBlocks(section.blocks)}
        </section>
      ))}
    </article>
  );
}
