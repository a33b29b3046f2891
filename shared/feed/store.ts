import {
  type CapturedFrame,
  type FeedEvent,
  type MessageHead,
  type ServerMessage,
  type SubscribeMessage,
  type YourConnectionInfo,
} from './protocol';
import type { WireState } from './state';

/** `interrupted`: the socket is open, but the server has lost the feed it shares with other instances. */
export type FeedStatus = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'interrupted';

/** What components read: immutable, replaced on every change (so React can compare by identity). */
export interface FeedView {
  status: FeedStatus;
  /** Oldest first, at most MAX_EVENTS. */
  events: FeedEvent[];
  mine: ReadonlySet<number>;
  you: YourConnectionInfo | null;
  /** The reader's own connections: the page's and the feed's. */
  connections: string[];
  readers: Record<string, number>;
  /** Events the server dropped because this browser fell behind, since the page loaded. */
  dropped: number;
  /** Times the hub could not replay what was missed and sent a fresh snapshot instead. */
  gaps: number;
  lastId: number;
  /** This page's own feed handshake, as the server received and answered it. */
  handshake: { request: MessageHead; response: MessageHead } | null;
  /** The real bytes of the feed socket's last frames, once asked for. */
  frames: CapturedFrame[] | null;
}

const MAX_EVENTS = 200;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 15_000;

/** Exponential backoff with full jitter: a random delay up to base·2^attempt, capped. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt));
}

/** The reader counts of the newest `readers` event among `events`, else `fallback`. */
function latestReaders(events: FeedEvent[], fallback: Record<string, number>): Record<string, number> {
  const latest = events.findLast((e): e is FeedEvent<'readers'> => e.channel === 'readers');
  return latest ? latest.data.counts : fallback;
}

export function initialView(wire: WireState): FeedView {
  return {
    status: wire.interrupted ? 'interrupted' : 'connecting',
    events: wire.events,
    mine: new Set(wire.mine),
    you: wire.you,
    connections: wire.you ? [wire.you.connection] : [],
    readers: latestReaders(wire.events, wire.readers),
    dropped: 0,
    gaps: 0,
    lastId: wire.lastId,
    handshake: null,
    frames: null,
  };
}

/** The feed socket as the store uses it. */
export interface FeedSocket {
  readonly isOpen: boolean;
  send(text: string): void;
  close(code: number, reason: string): void;
}

/** What the store hears from its socket. */
export interface FeedSocketHandlers {
  open(): void;
  message(text: string): void;
  close(): void;
}

/**
 * What the store's connection needs of a browser (client/feed-browser.ts), so this module itself
 * runs anywhere: the server builds stores only to render from, and never starts them.
 */
export interface FeedBrowser {
  /** Opens a socket to the feed, at this page's origin, with the feed's subprotocol. */
  openSocket(handlers: FeedSocketHandlers): FeedSocket;
  /** Calls `online` and `offline` as the network comes and goes; returns the function that stops it. */
  watchNetwork(online: () => void, offline: () => void): () => void;
  /** Whether the browser says the network is gone. */
  isOffline(): boolean;
  /** Runs `callback` soon, before the next paint when the page is visible. */
  schedule(callback: () => void): void;
}

/**
 * The page's one feed connection and the state it builds, for every live component on the page.
 * It starts from the state the server rendered, so hydration sees the same thing; start() (in the
 * browser only) connects, subscribes from the rendered last id, and reconnects and resumes on loss.
 */
export class FeedStore {
  private readonly initial: FeedView;
  private view: FeedView;
  private readonly listeners = new Set<() => void>();
  private socket: FeedSocket | null = null;
  private unwatchNetwork: (() => void) | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private notifyScheduled = false;

  constructor(
    private readonly wire: WireState,
    private readonly page: string,
    /** Null where the store only renders (on the server): start() then refuses. */
    private readonly browser: FeedBrowser | null = null,
  ) {
    this.initial = initialView(wire);
    this.view = this.initial;
  }

  /** The view the server rendered with; what hydration must see. */
  readonly serverView = (): FeedView => this.initial;
  readonly getView = (): FeedView => this.view;
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(): void {
    if (!this.browser) throw new Error('a feed store connects only in the browser');
    if (!this.stopped) return;
    this.stopped = false;
    if (this.wire.channels.length === 0) return;
    this.unwatchNetwork = this.browser.watchNetwork(this.reconnectNow, this.markOffline);
    this.connect(this.browser);
  }

  /** Asks the server for the feed socket's last frames (answered with a 'frames' message). */
  inspect(): void {
    if (this.socket?.isOpen) this.socket.send(JSON.stringify({ type: 'inspect' }));
  }

  stop(): void {
    this.stopped = true;
    this.unwatchNetwork?.();
    this.unwatchNetwork = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.close(1000, 'page closed');
    this.socket = null;
  }

  private connect(browser: FeedBrowser): void {
    const socket: FeedSocket = browser.openSocket({
      open: () => {
        this.attempt = 0;
        this.update({ status: 'live' });
        const subscribe: SubscribeMessage = {
          type: 'subscribe',
          channels: this.wire.channels,
          since: this.view.lastId,
          page: this.page,
        };
        if (this.wire.token) subscribe.token = this.wire.token;
        socket.send(JSON.stringify(subscribe));
      },
      message: (text) => this.receive(JSON.parse(text) as ServerMessage),
      close: () => {
        if (this.socket !== socket || this.stopped) return;
        this.socket = null;
        this.scheduleReconnect(browser);
      },
    });
    this.socket = socket;
  }

  private scheduleReconnect(browser: FeedBrowser): void {
    const offline = browser.isOffline();
    this.update({ status: offline ? 'offline' : 'reconnecting' });
    if (offline) return; // 'online' reconnects
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.connect(browser);
    }, reconnectDelay(this.attempt++));
  }

  private readonly reconnectNow = (): void => {
    if (this.stopped || this.socket || !this.browser) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect(this.browser);
  };

  /** The browser says the network is gone: the socket cannot be trusted; 'online' reconnects. */
  private readonly markOffline = (): void => {
    const socket = this.socket;
    this.socket = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    socket?.close(4000, 'browser offline');
    this.update({ status: 'offline' });
  };

  private receive(message: ServerMessage): void {
    const view = this.view;
    switch (message.type) {
      case 'event': {
        const { event } = message;
        if (event.id <= view.lastId) return; // already shown (snapshot overlap or replay)
        const readers = latestReaders([event], view.readers);
        const mine = message.mine ? new Set(view.mine).add(event.id) : view.mine;
        this.update({ events: [...view.events, event].slice(-MAX_EVENTS), lastId: event.id, mine, readers });
        return;
      }
      case 'snapshot':
        this.update({
          events: message.events.slice(-MAX_EVENTS),
          lastId: message.lastId,
          mine: new Set(message.mine),
          readers: latestReaders(message.events, view.readers),
        });
        return;
      case 'gap':
        this.update({ gaps: view.gaps + 1 });
        return;
      case 'dropped':
        this.update({ dropped: view.dropped + message.count });
        return;
      case 'you':
        this.update({ you: message.you, connections: message.connections });
        return;
      case 'handshake':
        this.update({ handshake: { request: message.request, response: message.response } });
        return;
      case 'frames':
        this.update({ frames: message.frames });
        return;
      case 'wire':
        this.update({ status: message.status });
        return;
      case 'error':
        console.warn(`live wire: ${message.code}: ${message.reason}`);
        return;
    }
  }

  private update(change: Partial<FeedView>): void {
    this.view = { ...this.view, ...change };
    // Many events can arrive in one tick; components re-render once per frame at most.
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    const notify = () => {
      this.notifyScheduled = false;
      for (const listener of this.listeners) listener();
    };
    if (this.browser) this.browser.schedule(notify);
    else setTimeout(notify, 0);
  }
}
