import { lessonWidgets, SELF_CHECK_SECTION, type Lesson } from '../shared/lesson';
import { PAGES_CODE_DIR, PAGES_DIR } from '../server/paths';
import { loadSite } from '../server/site';
import { shellBlocks } from './helpers/lesson-code';

const site = loadSite({ pagesDir: PAGES_DIR, pagesCodeDir: PAGES_CODE_DIR });
const links = (lesson: Lesson) =>
  JSON.stringify(lesson)
    .match(/href=\\"[^"\\]*/g)
    ?.map((href) => href.slice(7)) ?? [];
const linkTargets = (lesson: Lesson) => links(lesson).map((href) => href.replace(/^\/en(?=\/|$)/, '') || '/');

describe.each(site.all.filter((page) => page.key === null).map((page) => [page.slug || '(home)', page] as const))(
  'lesson /%s',
  (_name, page) => {
    it('has, in both locales, "try it in your terminal": commands against this site', () => {
      for (const lesson of [page.lessons.zh, page.lessons.en]) {
        const terminal = lesson.sections.find((section) => section.id === 'terminal');
        expect(JSON.stringify(terminal)).toMatch(/\{\{(origin|host)\}\}/);
      }
    });

    // A lesson (not the home page) closes with what to keep and questions to check it by.
    const ending = page.definition.inNav ? ['terminal', 'summary', SELF_CHECK_SECTION] : ['terminal'];
    it(`ends, in both locales, with ${ending.join(', ')}`, () => {
      for (const lesson of [page.lessons.zh, page.lessons.en]) {
        expect(lesson.sections.slice(-ending.length).map((section) => section.id)).toEqual(ending);
      }
    });

    if (page.definition.inNav)
      it('asks the same two or three self-check questions in both locales, each with its answer', () => {
        const questions = (lesson: Lesson) =>
          JSON.stringify(lesson.sections.at(-1)).match(
            /<details class=\\"self-check\\"><summary>.+?<\/summary>.+?<\/details>/g,
          ) ?? [];
        const [zh, en] = [questions(page.lessons.zh), questions(page.lessons.en)];
        expect(zh.length).toBeGreaterThanOrEqual(2);
        expect(zh.length).toBeLessThanOrEqual(3);
        expect(en.length).toBe(zh.length);
        // The reader's own values are asked about in the same questions in both.
        const values = (question: string) => question.match(/data-you=\\"[a-z]+/g) ?? [];
        expect(en.map(values)).toEqual(zh.map(values));
      });
  },
);

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

  it('prints the same terminal commands in both locales (each naming the pages of its own locale)', () => {
    // The English pages are under /en; the commands are otherwise the same.
    const commands = (lesson: Lesson) =>
      shellBlocks(lesson).map((c) => c.replace(/\{\{origin\}\}\/en(\/|(?=\s|$))/g, '{{origin}}/'));
    expect(commands(en)).toEqual(commands(zh));
  });

  it('has as many code blocks in each section in both locales', () => {
    const codeBlocks = (lesson: Lesson) =>
      lesson.sections.map((section) => [section.id, JSON.stringify(section.blocks).split('<pre>').length - 1]);
    expect(codeBlocks(en)).toEqual(codeBlocks(zh));
  });

  it('has descriptions short enough for a search result', () => {
    expect(zh.meta.description.length).toBeLessThanOrEqual(80);
    expect(en.meta.description.length).toBeLessThanOrEqual(160);
  });
});
