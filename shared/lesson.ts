import { Marked, type Token, type Tokens } from 'marked';
import { parse as parseYaml } from 'yaml';
import { linkCitations } from './rfc-citations';

/** A run of lesson prose as HTML, or the place where a page's live component goes. */
export type LessonBlock = { kind: 'html'; html: string } | { kind: 'widget'; name: string };

export interface LessonSection {
  /** Stable across locales; the anchor and the key the locale parity test compares. */
  id: string;
  heading: string;
  blocks: LessonBlock[];
}

export interface LessonMeta {
  title: string;
  navTitle: string;
  description: string;
}

export interface Lesson {
  meta: LessonMeta;
  lead: LessonBlock[];
  sections: LessonSection[];
}

/** A lesson file before its front matter is read as a page's meta: what a child page's prose is. */
export interface LessonParts {
  front: Record<string, unknown>;
  lead: LessonBlock[];
  sections: LessonSection[];
}

export class LessonFormatError extends Error {
  readonly code = 'WB_ERR_LESSON_FORMAT';
  constructor(message: string) {
    super(message);
    this.name = 'LessonFormatError';
  }
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;
const SECTION_HEADING = /^(.*?)\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$/;
const WIDGET_LINE = /^<!--\s*widget:\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*-->\s*$/;
const META_FIELDS: (keyof LessonMeta)[] = ['title', 'navTitle', 'description'];

/** The section whose `### question` headings become answers the reader opens (a `<details>` each). */
export const SELF_CHECK_SECTION = 'self-check';

/**
 * What a lesson may say about the reader's own connection, as `{{you.field|what it says without
 * script}}`: the page fills it in once its live feed knows the reader (`fillYourValues`).
 */
export const YOUR_VALUE_FIELDS = ['protocol', 'tls', 'connection', 'stream'] as const;
export type YourValueField = (typeof YOUR_VALUE_FIELDS)[number];
const YOUR_VALUE = /\{\{you\.([a-z]+)\|([^{}]*)\}\}/g;

// One parser instance with GitHub-flavoured tables; no raw-HTML passthrough beyond widget lines.
const markdown = new Marked({ gfm: true });

/**
 * Parses a lesson file: YAML front matter (title, navTitle, description), a lead, and `## Heading
 * {#id}` sections whose `<!-- widget: name -->` lines mark where the page's live parts go. Each RFC
 * section the prose cites becomes a link to it.
 * Pure and deterministic: the server and the client build produce the same lesson from one file.
 */
export function parseLesson(source: string): Lesson {
  const { front, lead, sections } = parseLessonParts(source);
  return { meta: metaOf(front), lead, sections };
}

/** parseLesson without the page meta check: the front matter comes back as it was written. */
export function parseLessonParts(source: string): LessonParts {
  const front = FRONT_MATTER.exec(source);
  if (!front) throw new LessonFormatError('lesson must start with a --- front matter block');
  const data: unknown = parseYaml(front[1] ?? '');
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new LessonFormatError('front matter must be a mapping');
  const tokens = markdown.lexer(source.slice(front[0].length));

  const lead: LessonBlock[] = [];
  const sections: LessonSection[] = [];
  let blocks = lead;
  let pending: Token[] = [];
  const flush = () => {
    if (pending.some((t) => t.type !== 'space')) {
      const html = sections.at(-1)?.id === SELF_CHECK_SECTION ? selfCheckHtml(pending) : render(pending);
      blocks.push({ kind: 'html', html: withYourValues(linkCitations(html.trim())) });
    }
    pending = [];
  };
  for (const token of tokens) {
    if (token.type === 'heading' && (token as Tokens.Heading).depth <= 2) {
      flush();
      const section = parseSectionHeading(token as Tokens.Heading);
      sections.push(section);
      blocks = section.blocks;
    } else if (token.type === 'html') {
      const widget = WIDGET_LINE.exec(token.raw.trim());
      if (!widget) throw new LessonFormatError(`raw HTML is not allowed in lessons: ${token.raw.trim().slice(0, 60)}`);
      if (sections.at(-1)?.id === SELF_CHECK_SECTION)
        throw new LessonFormatError(`the ${SELF_CHECK_SECTION} section's answers are prose: no widget in it`);
      flush();
      blocks.push({ kind: 'widget', name: widget[1]! }); // the pattern's one group always matches
    } else {
      pending.push(token);
    }
  }
  flush();
  const ids = new Set<string>();
  for (const { id } of sections) {
    if (ids.has(id)) throw new LessonFormatError(`section id #${id} is used twice`);
    ids.add(id);
  }
  return { front: data as Record<string, unknown>, lead, sections };
}

const render = (tokens: Token[]) => markdown.parser(tokens as Token[] & { links: Record<string, never> });

/**
 * A self-check section: what comes before its first `### question` as it is, then each question a
 * `<details>` whose summary is the question and whose body is the answer, closed until the reader
 * opens it (which needs no script).
 */
function selfCheckHtml(tokens: Token[]): string {
  const groups: { question: Tokens.Heading | null; answer: Token[] }[] = [{ question: null, answer: [] }];
  for (const token of tokens) {
    if (token.type === 'heading' && (token as Tokens.Heading).depth === 3)
      groups.push({ question: token as Tokens.Heading, answer: [] });
    else (groups.at(-1) as (typeof groups)[number]).answer.push(token);
  }
  return groups
    .map(({ question, answer }) =>
      question
        ? `<details class="self-check"><summary>${markdown.parseInline(question.text) as string}</summary>${render(answer)}</details>`
        : render(answer),
    )
    .join('');
}

/** `{{you.field|words}}` as a span the page fills with the reader's own value, the words shown until then. */
function withYourValues(html: string): string {
  return html.replace(YOUR_VALUE, (_match, field: string, words: string) => {
    if (!(YOUR_VALUE_FIELDS as readonly string[]).includes(field))
      throw new LessonFormatError(`{{you.${field}|…}} names no value; there are ${YOUR_VALUE_FIELDS.join(', ')}`);
    return `<span class="you-value" data-you="${field}">${words}</span>`;
  });
}

function metaOf(record: Record<string, unknown>): LessonMeta {
  for (const field of META_FIELDS) {
    if (typeof record[field] !== 'string' || (record[field] as string).trim() === '') {
      throw new LessonFormatError(`front matter needs a non-empty "${field}"`);
    }
  }
  return {
    title: record.title as string,
    navTitle: record.navTitle as string,
    description: record.description as string,
  };
}

function parseSectionHeading(token: Tokens.Heading): LessonSection {
  if (token.depth === 1) throw new LessonFormatError('a lesson has no "#" heading: the page title is its only h1');
  const match = SECTION_HEADING.exec(token.text);
  if (!match) throw new LessonFormatError(`section heading needs an id, as in "## ${token.text} {#an-id}"`);
  const [, text = '', id = ''] = match;
  const heading = markdown.parseInline(text) as string;
  // The heading becomes the link to its own section, and a link may not hold another.
  if (heading.includes('<a ')) throw new LessonFormatError(`section heading "${text}" may not contain a link`);
  return { id, heading, blocks: [] };
}

/** Names of the widgets a lesson places, in document order. */
export function lessonWidgets(lesson: Lesson): string[] {
  return [lesson.lead, ...lesson.sections.map((s) => s.blocks)]
    .flat()
    .flatMap((block) => (block.kind === 'widget' ? [block.name] : []));
}

/** Where a lesson names the site's own origin, host or port (filled in when a page is served). */
export const SITE_PLACEHOLDERS = /\{\{(origin|host|port)\}\}/g;

/**
 * Fills a lesson's `{{origin}}`, `{{host}}` and `{{port}}` with the site's own, so a command the
 * reader copies names the server that rendered it. Both renders call it with the same origin.
 */
export function withSiteOrigin(html: string, origin: string): string {
  const url = new URL(origin);
  const values = {
    origin: url.origin,
    host: url.hostname,
    port: url.port || (url.protocol === 'https:' ? '443' : '80'),
  };
  return html.replace(SITE_PLACEHOLDERS, (_match, name: keyof typeof values) => values[name]);
}
