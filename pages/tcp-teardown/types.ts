export interface TeardownData {
  /** Each side's next sequence number when the close begins, chosen per request on the server. */
  clientSeq: number;
  serverSeq: number;
}
