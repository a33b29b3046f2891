export interface HandshakeData {
  /** Chosen per request on the server and embedded, so the hydrated diagram shows the same numbers. */
  clientIsn: number;
  serverIsn: number;
  /** The HTTP/1.1-only lab port, to which the page opens fresh connections to time; null when off. */
  h1Port: number | null;
}
