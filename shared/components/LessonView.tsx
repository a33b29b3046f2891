import type { LessonBlock } from '../lesson';
import type { PageProps, Widget } from '../page';
import { LAYOUT_STRINGS } from '../strings';

interface LessonViewProps<Data> {
  page: PageProps<Data>;
  widgets: Record<string, Widget<Data>>;
}

/** A lesson: its title, lead, contents and sections, with the page's widgets where the prose places them. */
export function LessonView<Data>({ page, widgets }: LessonViewProps<Data>) {
  const { lesson } = page;
  const renderBlocks = (blocks: LessonBlock[]) =>
    blocks.map((block, index) => {
      if (block.kind === 'html') {
        return <div key={index} className="prose" dangerouslySetInnerHTML={{ __html: block.html }} />;
      }
      const Component = widgets[block.name];
      if (!Component) throw new Error(`lesson places widget "${block.name}", which the page does not define`);
      return (
        <div key={index} className="widget" data-widget={block.name}>
          <Component {...page} />
        </div>
      );
    });
  return (
    <article className="lesson">
      <h1 className="lesson__title">{lesson.meta.title}</h1>
      <div className="lesson__lead">{renderBlocks(lesson.lead)}</div>
      {lesson.sections.length > 2 && (
        <nav className="lesson__toc" aria-label={LAYOUT_STRINGS[page.locale].contents}>
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
