import type { EndpointPattern } from '../shared/endpoints';
import { pagePath, type Locale } from '../shared/locale';
import type { DevRoute } from './dev-reload';

declare const pageRouteBrand: unique symbol;
/** A page's route pattern in one locale (`/en/http-status/:code`); only `pageRoute` makes one. */
export type PageRoute = string & { readonly [pageRouteBrand]: true };

/**
 * What the log and the live wire call the route that answered: an endpoint's or a page's pattern,
 * or one of the answers no route gives. Never the path as typed.
 */
export type RouteName =
  | EndpointPattern
  | PageRoute
  | DevRoute
  | '(bad request)'
  | '(redirect)'
  | '(not found)'
  | '(error)'
  | '(too many connections)';

/** The route name of a page (its pattern under the locale's prefix). */
export function pageRoute(locale: Locale, pattern: string): PageRoute {
  return pagePath(locale, pattern) as PageRoute;
}

// What the app's handlers keep in `res.locals`, checked by the compiler wherever it is read or set.
declare module 'express-serve-static-core' {
  interface Locals {
    /** The route that answered; set by every handler that answers. */
    route?: RouteName;
    /** This response's Content-Security-Policy nonce, set by `securityHeaders` on the main app. */
    nonce?: string;
  }
}
