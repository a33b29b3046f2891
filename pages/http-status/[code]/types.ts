export interface CodePageData {
  code: number;
  /** The site's public origin, for the curl command the lab shows. */
  origin: string;
}
