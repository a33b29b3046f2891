import { renderToString } from 'react-dom/server';
import { WireEvent } from '../shared/components/LiveWire';
import type { FeedEvent } from '../shared/feed/protocol';
import type { Locale } from '../shared/locale';

const rows = new WeakMap<FeedEvent, Partial<Record<Locale, string>>>();

/** A wire event's row as the server renders it, made once per event and locale and kept as long as the event is. */
export function wireEventHtml(event: FeedEvent, locale: Locale): string {
  let byLocale = rows.get(event);
  if (!byLocale) {
    byLocale = {};
    rows.set(event, byLocale);
  }
  return (byLocale[locale] ??= renderToString(<WireEvent event={event} locale={locale} mine={false} />));
}
