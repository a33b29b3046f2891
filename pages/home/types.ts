import type { NavEntry } from '../../shared/page';

export interface HomeData {
  /** The lessons in their suggested order, in this locale: the lesson path, and the pages readers are on. */
  lessons: NavEntry[];
}
