import type { Locale } from './locale';

const LABELS = {
  zh: { copy: '复制', copied: '已复制', selected: '已选中，按 Ctrl+C 复制', label: '复制这段代码' },
  en: { copy: 'Copy', copied: 'Copied', selected: 'Selected: press Ctrl+C', label: 'Copy this code' },
} satisfies Record<Locale, Record<string, string>>;

const FEEDBACK_MS = 2000;

/** Copies through the Clipboard API; where that is refused, selects the text so the reader can copy it. */
async function copyOrSelect(code: Element): Promise<'copied' | 'selected'> {
  try {
    // Without the block's final newline, a pasted command waits for the reader's Enter.
    await navigator.clipboard.writeText((code.textContent ?? '').replace(/\n+$/, ''));
    return 'copied';
  } catch {
    const range = document.createRange();
    range.selectNodeContents(code);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    return 'selected';
  }
}

/**
 * Gives every code block of the lesson prose a copy button. Only script adds them, so a page read
 * without JavaScript shows no button that cannot work. Idempotent: a block is wrapped once.
 */
export function addCopyButtons(root: ParentNode, locale: Locale): void {
  const text = LABELS[locale];
  for (const pre of root.querySelectorAll<HTMLPreElement>('.prose pre')) {
    if (pre.parentElement?.classList.contains('code-block')) continue;
    const code = pre.querySelector('code') ?? pre;
    const wrapper = document.createElement('div');
    wrapper.className = 'code-block';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'code-block__copy';
    button.textContent = text.copy;
    button.setAttribute('aria-label', text.label);
    // Announces the outcome; the button keeps its own name.
    const status = document.createElement('span');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    let reset: ReturnType<typeof setTimeout> | undefined;
    button.addEventListener('click', () => {
      void copyOrSelect(code).then((outcome) => {
        button.textContent = outcome === 'copied' ? text.copied : text.selected;
        status.textContent = button.textContent;
        clearTimeout(reset);
        reset = setTimeout(() => {
          button.textContent = text.copy;
          status.textContent = '';
        }, FEEDBACK_MS);
      });
    });
    pre.replaceWith(wrapper);
    wrapper.append(pre, button, status);
  }
}
