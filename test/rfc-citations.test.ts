import { PAGES_CODE_DIR, PAGES_DIR } from '../server/paths';
import { loadSite } from '../server/site';
import { referenceLabel, STATUS_CODES } from '../shared/http-status/registry';
import type { Lesson } from '../shared/lesson';
import { LOCALES } from '../shared/locale';
import data from './fixtures/rfc-sections.json';

/**
 * Every RFC section a lesson cites exists in that RFC. The section numbers come from the RFCs' own
 * texts (test/fixtures/rfc-sections.json says which); a lesson may cite a section only of an RFC
 * listed there, so a citation can never point at a number nobody checked.
 */
const SECTIONS: Record<string, string[]> = data.rfcs;
const SECTION = '(?:[A-Z]|\\d+)(?:\\.\\d+)*';
// "RFC 9110 §15.4.8", "RFC 9113 (section 9.1.1", "RFC 6455, section 5.2", "RFC 9293 第 3.5 节", "RFC 9110（§6.2"
const CITATION = new RegExp(
  `RFC (\\d{3,5})(?:,|\\s|（|\\()*(?:§\\s?|[Ss]ection |第 ?)(${SECTION})(?:–(${SECTION}))?`,
  'g',
);
// A bare "§15.4.9" (or "§3.3–3.4") belongs to the RFC named last before it in the same paragraph.
const BARE = new RegExp(`(?<!RFC \\d{3,5}[,\\s（(]*)§\\s?(${SECTION})(?:–(${SECTION}))?`, 'g');

function paragraphs(lesson: Lesson): string[] {
  return [lesson.lead, ...lesson.sections.map((s) => s.blocks)]
    .flat()
    .flatMap((block) => (block.kind === 'html' ? block.html.split(/<\/(?:p|li|td|th)>/) : []))
    .map((html) => html.replace(/<[^>]+>/g, ''));
}

/** Every [rfc, section] a text cites, bare § references resolved to the RFC named last before them. */
function citations(text: string): [string, string][] {
  const found: [string, string][] = [];
  for (const m of text.matchAll(CITATION)) {
    const [, rfc = '', section = '', alsoSection] = m;
    found.push([rfc, section]);
    if (alsoSection) found.push([rfc, alsoSection]);
  }
  for (const m of text.matchAll(new RegExp(BARE.source, 'g'))) {
    const before = [...text.slice(0, m.index).matchAll(/RFC (\d{3,5})/g)].at(-1);
    const rfc = before?.[1] ?? '(no RFC named)';
    const [, section = '', alsoSection] = m;
    found.push([rfc, section]);
    if (alsoSection) found.push([rfc, alsoSection]);
  }
  return found;
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
      ['9113', '9.1.1'],
      ['9110', '15.4.9'],
    ]);
    expect(citations('RFC 9293 第 3.5 节；RFC 9111 §3.3–3.4；RFC 6455, section 5.2')).toEqual([
      ['9293', '3.5'],
      ['9111', '3.3'],
      ['9111', '3.4'],
      ['6455', '5.2'],
    ]);
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
