import type { Locale } from '../shared/locale';

/** How far this browser has read a lesson: opened it, or reached its self-check at the end. */
export type LessonState = 'opened' | 'finished';
export type Progress = Record<string, LessonState>;

const KEY = 'wirebook:progress';

const STRINGS = {
  zh: {
    opened: '读过一部分',
    finished: '已读完',
    summary: (finished: number, total: number) => `共 ${total} 课，你在这个浏览器里已读完 ${finished} 课。`,
  },
  en: {
    opened: 'started',
    finished: 'finished',
    summary: (finished: number, total: number) => `You have finished ${finished} of ${total} lessons in this browser.`,
  },
};

/** The progress kept in `storage`; nothing when there is none, it is unreadable, or storage is refused. */
export function readProgress(storage: Pick<Storage, 'getItem'> | null): Progress {
  try {
    const value: unknown = JSON.parse(storage?.getItem(KEY) ?? '{}');
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter((entry): entry is [string, LessonState] =>
        ['opened', 'finished'].includes(entry[1] as string),
      ),
    );
  } catch {
    return {};
  }
}

/** Records `state` for `slug`; a finished lesson stays finished. Storage that refuses is left alone. */
export function recordProgress(storage: Pick<Storage, 'getItem' | 'setItem'> | null, slug: string, state: LessonState) {
  const progress = readProgress(storage);
  if (progress[slug] === 'finished' || progress[slug] === state) return;
  try {
    storage?.setItem(KEY, JSON.stringify({ ...progress, [slug]: state }));
  } catch {
    // Private modes and full quotas refuse; the path then shows no progress.
  }
}

/** This browser's localStorage, or null where reading it throws (storage blocked). */
function localStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * On a lesson: it is opened now, and finished once its self-check section comes into view. On the
 * home page: the lesson path shows each lesson's state and how many are finished.
 */
export function followProgress(root: Document, slug: string, locale: Locale): void {
  const storage = localStore();
  const selfCheck = root.getElementById('self-check');
  if (selfCheck) {
    recordProgress(storage, slug, 'opened');
    if (typeof IntersectionObserver !== 'undefined') {
      const observer = new IntersectionObserver((entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        recordProgress(storage, slug, 'finished');
        observer.disconnect();
      });
      observer.observe(selfCheck);
    }
  }
  const places = [...root.querySelectorAll<HTMLElement>('[data-progress-for]')];
  if (places.length === 0) return;
  const text = STRINGS[locale];
  const progress = readProgress(storage);
  for (const place of places) {
    const state = progress[place.dataset.progressFor ?? ''];
    place.textContent = state ? text[state] : '';
    if (state) place.dataset.state = state;
  }
  const summary = root.querySelector<HTMLElement>('[data-progress-summary]');
  if (summary) {
    summary.textContent = text.summary(
      places.filter((place) => place.dataset.state === 'finished').length,
      places.length,
    );
    summary.hidden = false;
  }
}
