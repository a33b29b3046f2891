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

export function enhanceLayout(root: Document): void {
  keepPlaceOnLanguageSwitch(root);
  followSections(root);
  revealCurrentLesson(root);
}
