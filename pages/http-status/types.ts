import type { NavEntry } from '../../shared/page';

export interface StatusIndexData {
  /** Every code page, with the one-line meaning its own prose gives. */
  codes: NavEntry[];
}
