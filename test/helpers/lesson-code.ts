import type { Lesson } from '../../shared/lesson';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const SHELL_BLOCK = /<pre><code class="language-sh">([\s\S]*?)<\/code><\/pre>/g;

/** The text of every `sh` code block of a lesson, in document order, as a reader would copy it. */
export function shellBlocks(lesson: Lesson): string[] {
  return [lesson.lead, ...lesson.sections.map((s) => s.blocks)]
    .flat()
    .flatMap((block) => (block.kind === 'html' ? [...block.html.matchAll(SHELL_BLOCK)].map((m) => m[1] ?? '') : []))
    .map((html) => html.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity).trimEnd());
}
