import { transition, type Origin, type TcpEvent, type TcpState } from './state-machine';

export type Side = 'client' | 'server';

export interface Segment {
  from: Side;
  /** Control bits as the state machine names what it sends. */
  flags: string;
  seq: number;
  /** Present when the ACK bit is set. */
  ack: number | null;
}

export interface ExchangeStep {
  /** The side whose event this step is. */
  side: Side;
  event: TcpEvent;
  /** What that side sent, if anything. */
  segment: Segment | null;
  client: TcpState;
  server: TcpState;
}

export interface Exchange {
  /** Both sides before the first step. */
  start: { client: TcpState; server: TcpState };
  steps: ExchangeStep[];
}

const MOD = 2 ** 32;
const plus = (n: number, k: number) => (n + k) % MOD;

interface Endpoint {
  state: TcpState;
  origin: Origin;
  /** Next sequence number to send (SND.NXT). */
  sndNxt: number;
  /** Next sequence number expected (RCV.NXT); null before a SYN is seen. */
  rcvNxt: number | null;
}

/**
 * Plays a script of events on both sides through the state machine, tracking sequence and
 * acknowledgment numbers as RFC 9293 does: SYN and FIN each take one sequence number, so they
 * can be acknowledged; an ACK alone takes none. A receiving event consumes the peer's last segment.
 */
export function playExchange(start: Record<Side, Endpoint>, script: readonly (readonly [Side, TcpEvent])[]): Exchange {
  const ends = { client: { ...start.client }, server: { ...start.server } };
  let inFlight: Segment | null = null;
  const steps = script.map(([side, event]): ExchangeStep => {
    const end = ends[side];
    if (event.startsWith('rcv-') && inFlight) {
      const consumed = /SYN|FIN/.test(inFlight.flags) ? 1 : 0;
      end.rcvNxt = plus(inFlight.seq, consumed);
    }
    const { to, send } = transition(end.state, event, end.origin);
    end.state = to;
    let segment: Segment | null = null;
    if (send) {
      // Every segment but the first SYN carries an acknowledgment (the ACK bit).
      const ack = end.rcvNxt;
      segment = { from: side, flags: send, seq: end.sndNxt, ack };
      if (/SYN|FIN/.test(send)) end.sndNxt = plus(end.sndNxt, 1);
      inFlight = segment;
    }
    return { side, event, segment, client: ends.client.state, server: ends.server.state };
  });
  return { start: { client: start.client.state, server: start.server.state }, steps };
}

/** The three-way handshake from a listening server, with the two initial sequence numbers. */
export function handshake(clientIsn: number, serverIsn: number): Exchange {
  return playExchange(
    {
      client: { state: 'CLOSED', origin: 'active', sndNxt: clientIsn, rcvNxt: null },
      server: { state: 'LISTEN', origin: 'passive', sndNxt: serverIsn, rcvNxt: null },
    },
    [
      ['client', 'active-open'],
      ['server', 'rcv-syn'],
      ['client', 'rcv-syn-ack'],
      ['server', 'rcv-ack'],
    ],
  );
}

/**
 * The four-segment close, the client closing first, from an established connection whose next
 * sequence numbers are `clientSeq` and `serverSeq`.
 */
export function teardown(clientSeq: number, serverSeq: number): Exchange {
  return playExchange(
    {
      client: { state: 'ESTABLISHED', origin: 'active', sndNxt: clientSeq, rcvNxt: serverSeq },
      server: { state: 'ESTABLISHED', origin: 'passive', sndNxt: serverSeq, rcvNxt: clientSeq },
    },
    [
      ['client', 'close'],
      ['server', 'rcv-fin'],
      ['client', 'rcv-ack'],
      ['server', 'close'],
      ['client', 'rcv-fin'],
      ['server', 'rcv-ack'],
      ['client', 'timeout'],
    ],
  );
}

/** A uniformly random 32-bit number for a demonstration ISN (Web Crypto: server and browser alike). */
export function randomSequenceNumber(): number {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0]!;
}
