import type { Response } from 'express';
import { ENDPOINTS } from '../shared/endpoints';
import { pageRoute, type RouteName } from './locals';

describe('res.locals.route', () => {
  const res = { locals: {} } as Response;

  it('takes an endpoint pattern, a page route or a named answer', () => {
    const routes: RouteName[] = [ENDPOINTS.statusLab, pageRoute('en', 'http-status/:code'), '(not found)'];
    for (const route of routes) res.locals.route = route;
    expect(routes[1]).toBe('/en/http-status/:code');
    expect(pageRoute('zh', '')).toBe('/');
  });

  it('refuses any other string at compile time', () => {
    // @ts-expect-error: a path as typed is not a route name
    res.locals.route = '/lab/status/404';
    // @ts-expect-error: a page route is made by pageRoute(), not spelled by hand
    res.locals.route = '/en/architecture' as string;
    expect(res.locals.route).toBe('/en/architecture');
  });
});
