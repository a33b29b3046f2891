import type { Locale } from '../shared/locale';

/**
 * What the shared layout does once script runs; each part works as plain HTML without it. Added
 * the way the copy buttons are: by the islands' bootstrap, on every page that has one.
 */

/**
 * The language switch carries the reader's place: the section in the address, or the one being
 * read (a section scrolled to, not clicked, is their place too).
 */
function keepPlaceOnLanguageSwitch(root: Document): void {
  const link = root.querySelector<HTMLAnchorElement>('.site-lang');
  if (!link) return;
  const base = link.href.split('#')[0] ?? link.href;
  const place = () => {
    const reading = root.querySelector<HTMLAnchorElement>('.lesson__contents a[aria-current]');
    link.href = base + (reading ? reading.hash : location.hash);
  };
  place();
  window.addEventListener('hashchange', place);
  link.addEventListener('pointerdown', place);
  link.addEventListener('focus', place);
}

/** Marks the section being read in the contents list. */
function followSections(root: Document): void {
  const links = new Map(
    [...root.querySelectorAll<HTMLAnchorElement>('.lesson__contents a[href^="#"]')].map((a) => [a.hash.slice(1), a]),
  );
  const sections = [...root.querySelectorAll<HTMLElement>('.lesson__section')];
  if (links.size === 0 || sections.length === 0 || typeof IntersectionObserver === 'undefined') return;
  const visible = new Set<Element>();
  const mark = () => {
    // The first section on screen, in document order, is the one being read.
    const reading = sections.find((section) => visible.has(section));
    if (!reading) return;
    const id = reading.querySelector('h2')?.id;
    for (const [key, link] of links) {
      if (key === id) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
  };
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) visible.add(entry.target);
        else visible.delete(entry.target);
      }
      mark();
    },
    // A section counts once it reaches the upper part of the screen.
    { rootMargin: '0px 0px -60% 0px' },
  );
  for (const section of sections) observer.observe(section);
}

/** On a narrow screen the lesson row scrolls sideways: bring the current lesson into it. */
function revealCurrentLesson(root: Document): void {
  const list = root.querySelector<HTMLElement>('.site-nav ol');
  const current = list?.querySelector<HTMLElement>('a[aria-current]');
  if (!list || !current || list.scrollWidth <= list.clientWidth) return;
  const offset = current.getBoundingClientRect().left - list.getBoundingClientRect().left;
  list.scrollLeft += offset - (list.clientWidth - current.offsetWidth) / 2;
}

/** Whether a key press is someone typing, where `/` is a character and not a shortcut. */
function typing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/**
 * `/` focuses the search box from anywhere on the page. The search code and its index are fetched
 * only when the reader first reaches for the box, so no page pays for them up front.
 */
function enhanceSearch(root: Document, locale: Locale): void {
  const form = root.querySelector<HTMLFormElement>('form.site-search');
  const input = form?.querySelector<HTMLInputElement>('input[type=search]');
  if (!form || !input) return;
  let attached: Promise<void> | null = null;
  const attach = () => {
    attached ??= import(/* webpackChunkName: "search" */ './search-box')
      .then(({ attachSearchBox }) => attachSearchBox(form, locale))
      .catch((error: unknown) => console.warn('search box unavailable; the form still works:', error));
  };
  input.addEventListener('focus', attach);
  input.addEventListener('input', attach);
  root.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    event.preventDefault();
    input.focus();
  });
}

export function enhanceLayout(root: Document, locale: Locale): void {
  enhanceSearch(root, locale);
  keepPlaceOnLanguageSwitch(root);
  followSections(root);
  revealCurrentLesson(root);
}
