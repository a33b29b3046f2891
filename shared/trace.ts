/** What /lab/trace answers: every response head a client that sees interim responses received. */

/** One response head as the tracing client received it, `atMs` after it sent the request. */
export interface TracedHead {
  atMs: number;
  status: number;
  headers: [string, string][];
}

export interface Trace {
  path: string;
  client: string;
  heads: TracedHead[];
  bodyBytes: number;
}
