import { lessonWidgets, type Lesson } from '../shared/lesson';
import { PAGES_CODE_DIR, PAGES_DIR } from '../server/paths';
import { loadSite } from '../server/site';

const site = loadSite({ pagesDir: PAGES_DIR, pagesCodeDir: PAGES_CODE_DIR });
const links = (lesson: Lesson) =>
  JSON.stringify(lesson)
    .match(/href=\\"[^"\\]*/g)
    ?.map((href) => href.slice(7)) ?? [];
const linkTargets = (lesson: Lesson) => links(lesson).map((href) => href.replace(/^\/en(?=\/|$)/, '') || '/');

describe.each(site.all.map((page) => [page.slug || '(home)', page] as const))('page /%s', (_name, page) => {
  const { zh, en } = page.lessons;

  it('has the same sections, in the same order, in both locales', () => {
    expect(en.sections.map((s) => s.id)).toEqual(zh.sections.map((s) => s.id));
  });

  it('places the same widgets in the same sections', () => {
    const placement = (lesson: Lesson) =>
      lesson.sections.map((s) => [s.id, lessonWidgets({ ...lesson, lead: [], sections: [s] })]);
    expect(placement(en)).toEqual(placement(zh));
    expect(lessonWidgets(en)).toEqual(lessonWidgets(zh));
  });

  it('links to the same pages, each in its own locale', () => {
    expect(linkTargets(en)).toEqual(linkTargets(zh));
    expect(links(zh).filter((href) => /^\/en(\/|$)/.test(href))).toEqual([]);
    expect(links(en).filter((href) => href.startsWith('/') && !/^\/en(\/|$)/.test(href))).toEqual([]);
  });

  it('has descriptions short enough for a search result', () => {
    expect(zh.meta.description.length).toBeLessThanOrEqual(80);
    expect(en.meta.description.length).toBeLessThanOrEqual(160);
  });
});
