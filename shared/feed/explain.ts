import { statusCode } from '../http-status/registry';
import { pagePath, type Locale } from '../locale';
import type { FeedEvent } from './protocol';

/** The lesson section that explains an event of the wire: where its row links to. */
export function explainerOf(event: FeedEvent, locale: Locale): string {
  const at = (slug: string, section: string) => `${pagePath(locale, slug)}#${section}`;
  switch (event.channel) {
    case 'tcp':
      if (event.data.kind === 'open') return at('tcp-handshake', 'three-messages');
      return event.data.closedBy === 'reset' ? at('tcp-teardown', 'rst') : at('tcp-teardown', 'who-closes-first');
    case 'tls':
      return at('tcp-handshake', 'fast-open-and-tls');
    case 'h2':
      if (event.data.kind === 'session-open' || event.data.kind === 'session-close') return at('http2', 'preface');
      if (event.data.kind === 'goaway' || (event.data.kind === 'stream-close' && event.data.rstCode !== 0))
        return at('http2', 'rst-goaway');
      return at('http2', 'streams');
    case 'http':
      // A response: the page of its status code.
      return statusCode(event.data.status)
        ? pagePath(locale, `http-status/${event.data.status}`)
        : pagePath(locale, 'http-status');
    case 'feed':
      return event.data.kind === 'open' ? at('websocket', 'handshake') : at('websocket', 'closing');
    case 'readers':
      return at('', 'live-wire');
    case 'sockets':
      return at('tcp-teardown', 'state-machine');
  }
}
