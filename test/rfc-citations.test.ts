import { PAGES_CODE_DIR, PAGES_DIR } from '../server/paths';
import { loadSite } from '../server/site';
import { referenceLabel, STATUS_CODES } from '../shared/http-status/registry';
import type { Lesson } from '../shared/lesson';
import { LOCALES } from '../shared/locale';
import { citationsIn, linkCitations, RFC_SECTIONS as SECTIONS } from '../shared/rfc-citations';

/**
 * Every RFC section a lesson cites exists in that RFC. The section numbers come from the RFCs' own
 * texts (shared/rfc-sections.json says which); a lesson may cite a section only of an RFC listed
 * there, so a citation can never point at a number nobody checked. The same finder links them.
 */
function paragraphs(lesson: Lesson): string[] {
  return [lesson.lead, ...lesson.sections.map((s) => s.blocks)]
    .flat()
    .flatMap((block) => (block.kind === 'html' ? block.html.split(/<\/(?:p|li|td|th)>/) : []))
    .map((html) => html.replace(/<[^>]+>/g, ''));
}

/** Every [rfc, section] a text cites, bare § references resolved to the RFC named last before them. */
function citations(text: string): [string, string][] {
  return citationsIn(text).found.flatMap(({ rfc, sections }) =>
    sections.map((section): [string, string] => [rfc ?? '(no RFC named)', section]),
  );
}

const site = loadSite({ pagesDir: PAGES_DIR, pagesCodeDir: PAGES_CODE_DIR });
const cited = site.all.flatMap((page) =>
  LOCALES.flatMap((locale) =>
    paragraphs(page.lessons[locale]).flatMap((text) =>
      citations(text).map(([rfc, section]) => ({ where: `/${locale}/${page.slug}`, rfc, section })),
    ),
  ),
);

describe('RFC citations', () => {
  it('finds the citations in every form the lessons use', () => {
    expect(citations('RFC 9110 §15.4.8, §15.4.9 and RFC 9113 (section 9.1.1)')).toEqual([
      ['9110', '15.4.8'],
      ['9110', '15.4.9'],
      ['9113', '9.1.1'],
    ]);
    expect(citations('As RFC 9110 puts it (§15.4.9), and §9 of the same.')).toEqual([
      ['9110', '15.4.9'],
      ['9110', '9'],
    ]);
    expect(citations('RFC 9293 第 3.5 节；RFC 9111 §3.3–3.4；RFC 6455, section 5.2')).toEqual([
      ['9293', '3.5'],
      ['9111', '3.3'],
      ['9111', '3.4'],
      ['6455', '5.2'],
    ]);
  });

  it('links each citation to its section, a bare § to the RFC before it, never inside code or a link', () => {
    expect(linkCitations('<p>RFC 9110 §15.4.8 and §15.4.9; <code>RFC 9110 §9</code></p><p>§9.3</p>')).toBe(
      '<p><a class="rfc-link" href="https://www.rfc-editor.org/rfc/rfc9110.html#section-15.4.8">RFC 9110 §15.4.8</a>' +
        ' and <a class="rfc-link" href="https://www.rfc-editor.org/rfc/rfc9110.html#section-15.4.9">§15.4.9</a>;' +
        ' <code>RFC 9110 §9</code></p><p>§9.3</p>',
    );
    expect(linkCitations('<li>RFC 9293 第 3.5 节</li>')).toBe(
      '<li><a class="rfc-link" href="https://www.rfc-editor.org/rfc/rfc9293.html#section-3.5">RFC 9293 第 3.5</a> 节</li>',
    );
    expect(linkCitations('<p><a href="x">RFC 9110 §9</a> RFC 9110 §999</p>')).toBe(
      '<p><a href="x">RFC 9110 §9</a> RFC 9110 §999</p>',
    );
  });

  it('finds a good number of them in the lessons', () => {
    expect(cited.length).toBeGreaterThan(50);
  });

  it.each(cited.map((c) => [c.where, `RFC ${c.rfc} §${c.section}`, c] as const))(
    '%s cites %s, which exists',
    (_where, _label, { rfc, section }) => {
      expect(Object.keys(SECTIONS)).toContain(rfc);
      expect(SECTIONS[rfc]).toContain(section);
    },
  );

  it.each(STATUS_CODES.filter((entry) => entry.reference.section).map((entry) => [entry.code, entry] as const))(
    'the registry entry for %s cites a section that exists',
    (_code, entry) => {
      expect(SECTIONS[String(entry.reference.document)]).toContain(entry.reference.section);
      expect(referenceLabel(entry.reference)).toContain(entry.reference.section);
    },
  );
});
