export interface HandshakeData {
  /** Chosen per request on the server and embedded, so the hydrated diagram shows the same numbers. */
  clientIsn: number;
  serverIsn: number;
}
