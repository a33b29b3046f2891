import { ENDPOINTS } from '../shared/endpoints';
import { FEED_SUBPROTOCOL } from '../shared/feed/protocol';
import type { FeedBrowser } from '../shared/feed/store';

/** The browser's side of the page's feed store: its socket, its network events, its frames. */
export const browserFeed: FeedBrowser = {
  openSocket: (handlers) => {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${ENDPOINTS.feed}`;
    const socket = new WebSocket(url, FEED_SUBPROTOCOL);
    socket.onopen = () => handlers.open();
    socket.onmessage = (message) => handlers.message(String(message.data));
    socket.onclose = () => handlers.close();
    return {
      get isOpen() {
        return socket.readyState === WebSocket.OPEN;
      },
      send: (text) => socket.send(text),
      close: (code, reason) => socket.close(code, reason),
    };
  },
  watchNetwork: (online, offline) => {
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  },
  isOffline: () => navigator.onLine === false,
  // Many events can arrive in one tick; a hidden page gets no frames, so it is told by timer.
  schedule: (callback) => {
    if (document.visibilityState === 'visible') requestAnimationFrame(callback);
    else setTimeout(callback, 0);
  },
};
