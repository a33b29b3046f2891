import { rfcSectionUrl } from './rfc';
import data from './rfc-sections.json';

/**
 * The sections of each RFC the lessons may cite, as numbered in the RFC's own text (the JSON says
 * where each list comes from). The citation test checks every citation against it; the lesson
 * parser links each to its section.
 */
export const RFC_SECTIONS: Readonly<Record<string, readonly string[]>> = data.rfcs;

const SECTION = '(?:[A-Z]|\\d+)(?:\\.\\d+)*';
/** "RFC 9110 §15.4.8", "RFC 9113 (section 9.1.1", "RFC 6455, section 5.2", "RFC 9293 第 3.5 节", "RFC 9110（§6.2". */
const CITATION = `RFC (\\d{3,5})(?:,|\\s|（|\\()*(?:§\\s?|[Ss]ection |第 ?)(${SECTION})(?:–(${SECTION}))?`;
/** A bare "§15.4.9" (or "§3.3–3.4"): it belongs to the RFC named last before it in the same paragraph. */
const BARE = `(?<!RFC \\d{3,5}[,\\s（(]*)§\\s?(${SECTION})(?:–(${SECTION}))?`;
const ANY = new RegExp(`${CITATION}|${BARE}|RFC (\\d{3,5})`, 'g');

/** One citation found in a paragraph's text: where it stands, the RFC and the sections it names. */
export interface Citation {
  index: number;
  text: string;
  /** Null for a bare § with no RFC named before it in the paragraph. */
  rfc: string | null;
  sections: string[];
}

/** Every citation in a paragraph's plain text, in order; `rfc` carries over from an earlier paragraph part. */
export function citationsIn(
  text: string,
  rfcBefore: string | null = null,
): { found: Citation[]; lastRfc: string | null } {
  const found: Citation[] = [];
  let lastRfc = rfcBefore;
  for (const m of text.matchAll(ANY)) {
    if (m[1] !== undefined) {
      lastRfc = m[1];
      found.push({ index: m.index, text: m[0], rfc: m[1], sections: [m[2], m[3]].filter((s) => s !== undefined) });
    } else if (m[4] !== undefined) {
      found.push({ index: m.index, text: m[0], rfc: lastRfc, sections: [m[4], m[5]].filter((s) => s !== undefined) });
    } else {
      lastRfc = m[6] ?? lastRfc;
    }
  }
  return { found, lastRfc };
}

// Inside these, text is already a link or is code: never linked again.
const OPAQUE = new Set(['a', 'code', 'pre']);
const PARAGRAPH_END = /^<\/(?:p|li|td|th|h\d)>$/;
const TAG = /(<[^>]+>)/;

/**
 * Links each RFC section cited in a block of lesson HTML to that section: the RFC and section as
 * written, a bare § to the RFC named last before it in the same paragraph. Text inside links and
 * code is left alone, and so is a section the RFC's own list does not have (the citation test
 * fails on it instead).
 */
export function linkCitations(html: string): string {
  let opaque = 0;
  let lastRfc: string | null = null;
  return html
    .split(TAG)
    .map((part) => {
      if (part.startsWith('<')) {
        const name = /^<\/?([a-z0-9]+)/i.exec(part)?.[1]?.toLowerCase() ?? '';
        if (OPAQUE.has(name) && !part.endsWith('/>')) opaque += part.startsWith('</') ? -1 : 1;
        if (PARAGRAPH_END.test(part)) lastRfc = null;
        return part;
      }
      const { found, lastRfc: after } = citationsIn(part, lastRfc);
      lastRfc = after;
      if (opaque > 0) return part;
      let out = '';
      let at = 0;
      for (const citation of found) {
        const [section] = citation.sections;
        if (citation.rfc === null || section === undefined || !RFC_SECTIONS[citation.rfc]?.includes(section)) continue;
        out += part.slice(at, citation.index);
        out += `<a class="rfc-link" href="${rfcSectionUrl(citation.rfc, section)}">${citation.text}</a>`;
        at = citation.index + citation.text.length;
      }
      return out + part.slice(at);
    })
    .join('');
}
