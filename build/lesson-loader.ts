import type { LoaderContext } from 'webpack';
import { parseLesson } from '../shared/lesson';

/**
 * Turns a page's Markdown prose into the same parsed lesson the server renders from, so the
 * client bundle hydrates exactly the tree the server sent.
 */
export default function lessonLoader(this: LoaderContext<object>, source: string): string {
  return `export default ${JSON.stringify(parseLesson(source))};`;
}
