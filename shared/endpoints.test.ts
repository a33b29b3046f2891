import { ASSET_PREFIX, ENDPOINTS, endpointPath, matchEndpoint } from './endpoints';

describe('endpointPath(name, params)', () => {
  it('fills in the parameters of the pattern', () => {
    expect(endpointPath('statusLab', { code: 404 })).toBe('/lab/status/404');
    expect(endpointPath('changingFile', { reader: 'abc_DEF-0123456789' })).toBe('/lab/changing/abc_DEF-0123456789');
  });

  it('percent-encodes each parameter, so a value cannot add a path segment or a query', () => {
    expect(endpointPath('demoFile', { name: '../x?y=1#z' })).toBe('/lab/files/..%2Fx%3Fy%3D1%23z');
  });

  it('takes no parameters for a pattern without any, and checks the names it is given', () => {
    expect(endpointPath('h2Session')).toBe('/lab/h2/session');
    // @ts-expect-error: the tile lab's parameter is `n`
    expect(endpointPath('tile', { code: 1 })).toBe('/lab/tiles/undefined');
  });
});

describe('matchEndpoint(name, path)', () => {
  it("returns a path's parameters, decoded", () => {
    expect(matchEndpoint('statusLab', '/lab/status/103')).toEqual({ code: '103' });
    expect(matchEndpoint('demoFile', '/lab/files/1mb%2Ebin')).toEqual({ name: '1mb.bin' });
    expect(matchEndpoint('health', '/healthz')).toEqual({});
  });

  it('is null for other paths, a longer path, or a parameter that does not decode', () => {
    expect(matchEndpoint('statusLab', '/lab/status/')).toBeNull();
    expect(matchEndpoint('statusLab', '/lab/status/200/x')).toBeNull();
    expect(matchEndpoint('statusLab', '/lab/status/%E0%A4%A')).toBeNull();
    expect(matchEndpoint('sitemap', '/sitemapaxml')).toBeNull();
  });

  it('round-trips what endpointPath builds', () => {
    expect(matchEndpoint('redirectLab', endpointPath('redirectLab', { code: 307 }))).toEqual({ code: '307' });
  });
});

it('the asset prefix is the asset pattern without its parameter', () => {
  expect(ASSET_PREFIX).toBe('/assets/');
  expect(ENDPOINTS.asset).toBe(`${ASSET_PREFIX}:file`);
});
