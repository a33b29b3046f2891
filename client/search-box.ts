import MiniSearch from 'minisearch';
import type { Locale } from '../shared/locale';
import { search } from '../shared/search/search';
import { SEARCH_STRINGS } from '../shared/search/strings';
import { INDEX_OPTIONS, type SearchDocument, type SearchHit } from '../shared/search/tokenize';

const SHOWN = 8;

/**
 * Turns the header's search form into a combobox: hits listed as the reader types, the arrow keys
 * to move among them, Enter to open the one chosen (the first by default), Escape to close. The
 * index is fetched now, the first time the reader reaches for the box; until it has come, and if
 * it never does, the form goes to the results page as it does without script.
 */
export async function attachSearchBox(form: HTMLFormElement, locale: Locale): Promise<void> {
  const input = form.querySelector<HTMLInputElement>('input[type=search]');
  const url = form.dataset.index;
  if (!input || !url) return;
  const response = await fetch(url);
  if (!response.ok) return;
  const index = MiniSearch.loadJSON<SearchDocument>(await response.text(), INDEX_OPTIONS);
  const text = SEARCH_STRINGS[locale];

  const list = document.createElement('ul');
  list.id = 'site-search-hits';
  list.className = 'site-search__hits';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', text.label);
  list.hidden = true;
  const status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  form.append(list, status);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');

  let hits: SearchHit[] = [];
  let active = 0;
  const show = (open: boolean) => {
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (!open) input.removeAttribute('aria-activedescendant');
  };
  const choose = (at: number) => {
    active = at;
    list
      .querySelectorAll('[role=option]')
      .forEach((option, i) => option.setAttribute('aria-selected', String(i === at)));
    input.setAttribute('aria-activedescendant', `site-search-hit-${at}`);
  };
  const update = () => {
    const query = input.value.trim();
    hits = query === '' ? [] : search(index, query, SHOWN);
    list.replaceChildren(
      ...hits.map((hit, i) => {
        const option = document.createElement('li');
        option.id = `site-search-hit-${i}`;
        option.setAttribute('role', 'option');
        const link = document.createElement('a');
        link.href = hit.href;
        link.tabIndex = -1;
        const title = document.createElement('span');
        title.className = 'site-search__title';
        title.textContent = hit.title;
        const where = document.createElement('span');
        where.className = 'site-search__where';
        where.textContent = hit.page ? `${text.kind[hit.kind]} · ${hit.page}` : text.kind[hit.kind];
        link.append(title, where);
        option.append(link);
        // Keeps the focus in the box, so the click lands on the link.
        option.addEventListener('mousedown', (event) => event.preventDefault());
        return option;
      }),
    );
    status.textContent = query === '' ? '' : text.count(hits.length);
    show(hits.length > 0);
    if (hits.length > 0) choose(0);
  };

  input.addEventListener('input', update);
  input.addEventListener('focus', update);
  input.addEventListener('blur', () => show(false));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      if (!list.hidden) show(false);
      else input.value = '';
      event.preventDefault();
    } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && hits.length > 0) {
      if (list.hidden) show(true);
      choose((active + (event.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length);
      event.preventDefault();
    } else if (event.key === 'Enter' && !list.hidden) {
      const hit = hits[active];
      if (!hit) return;
      // The chosen hit, the first unless the reader moved: the results page is one more click away.
      event.preventDefault();
      location.assign(hit.href);
    }
  });
  if (document.activeElement === input) update();
}
