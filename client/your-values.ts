import type { YourConnectionInfo } from '../shared/feed/protocol';
import type { YourValueField } from '../shared/lesson';

/** Each value a lesson may name, read from the reader's connection as the server saw it. */
const VALUES: Record<YourValueField, (you: YourConnectionInfo) => string | null> = {
  protocol: (you) => you.protocol,
  tls: (you) => you.tlsVersion,
  connection: (you) => you.connection,
  stream: (you) => (you.pageStreamId === null ? null : String(you.pageStreamId)),
};

/**
 * Fills the lesson's `{{you.field|…}}` spans with the reader's own values; a value the connection
 * does not have (a stream on HTTP/1.1) keeps the lesson's words.
 */
export function fillYourValues(root: ParentNode, you: YourConnectionInfo | null): void {
  if (!you) return;
  for (const span of root.querySelectorAll<HTMLElement>('.you-value[data-you]')) {
    const value = VALUES[span.dataset.you as YourValueField]?.(you);
    if (value === null || value === undefined) continue;
    span.textContent = value;
    span.dataset.live = '';
  }
}
