import {
  classOf,
  labShowsTrace,
  nearestCodes,
  parseCode,
  referenceLabel,
  referenceUrl,
  STATUS_CODES,
  statusCode,
} from './registry';

/** RFC 9110 §15.2–15.6: every code it defines, with its section, as the RFC's headings give them. */
const RFC_9110 = `
100 Continue 15.2.1; 101 Switching Protocols 15.2.2;
200 OK 15.3.1; 201 Created 15.3.2; 202 Accepted 15.3.3; 203 Non-Authoritative Information 15.3.4;
204 No Content 15.3.5; 205 Reset Content 15.3.6; 206 Partial Content 15.3.7;
300 Multiple Choices 15.4.1; 301 Moved Permanently 15.4.2; 302 Found 15.4.3; 303 See Other 15.4.4;
304 Not Modified 15.4.5; 305 Use Proxy 15.4.6; 306 (Unused) 15.4.7; 307 Temporary Redirect 15.4.8;
308 Permanent Redirect 15.4.9;
400 Bad Request 15.5.1; 401 Unauthorized 15.5.2; 402 Payment Required 15.5.3; 403 Forbidden 15.5.4;
404 Not Found 15.5.5; 405 Method Not Allowed 15.5.6; 406 Not Acceptable 15.5.7;
407 Proxy Authentication Required 15.5.8; 408 Request Timeout 15.5.9; 409 Conflict 15.5.10; 410 Gone 15.5.11;
411 Length Required 15.5.12; 412 Precondition Failed 15.5.13; 413 Content Too Large 15.5.14;
414 URI Too Long 15.5.15; 415 Unsupported Media Type 15.5.16; 416 Range Not Satisfiable 15.5.17;
417 Expectation Failed 15.5.18; 418 (Unused) 15.5.19; 421 Misdirected Request 15.5.20;
422 Unprocessable Content 15.5.21; 426 Upgrade Required 15.5.22;
500 Internal Server Error 15.6.1; 501 Not Implemented 15.6.2; 502 Bad Gateway 15.6.3;
503 Service Unavailable 15.6.4; 504 Gateway Timeout 15.6.5; 505 HTTP Version Not Supported 15.6.6`
  .split(';')
  .map((item) => /^\s*(\d{3}) (.+) ([\d.]+)\s*$/.exec(item) as RegExpExecArray)
  .map(([, code, name, section]) => ({ code: Number(code), name, section }));

/** RFC 9110 §15.1: the codes that are heuristically cacheable; RFC 7725 §3 adds 451. */
const HEURISTICALLY_CACHEABLE = [200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 451, 501];

describe('the status code registry', () => {
  it('holds every code RFC 9110 defines, with its name and section', () => {
    const fromRfc9110 = STATUS_CODES.filter((entry) => entry.reference.document === 9110).map(
      ({ code, name, reference }) => ({ code, name, section: reference.section }),
    );
    expect(fromRfc9110).toEqual(RFC_9110);
  });

  it('holds the codes other RFCs define, each pointing at its RFC', () => {
    const others = Object.fromEntries(
      STATUS_CODES.filter((entry) => entry.reference.document !== 9110).map((entry) => [
        entry.code,
        entry.reference.document,
      ]),
    );
    expect(others).toEqual({
      102: 2518,
      103: 8297,
      104: 'draft-ietf-httpbis-resumable-upload',
      207: 4918,
      208: 5842,
      226: 3229,
      423: 4918,
      424: 4918,
      425: 8470,
      428: 6585,
      429: 6585,
      431: 6585,
      451: 7725,
      506: 2295,
      507: 4918,
      508: 5842,
      510: 2774,
      511: 6585,
    });
  });

  it('has 64 codes in ascending order, each once', () => {
    const codes = STATUS_CODES.map((entry) => entry.code);
    expect(codes).toHaveLength(64);
    expect([...codes].sort((a, b) => a - b)).toEqual(codes);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('marks the codes RFC 6585 says a cache MUST NOT store: 428, 429, 431 and 511', () => {
    expect(STATUS_CODES.filter((entry) => entry.neverStored).map((entry) => entry.code)).toEqual([428, 429, 431, 511]);
  });

  it('marks exactly the heuristically cacheable codes', () => {
    expect(STATUS_CODES.filter((entry) => entry.cacheable).map((entry) => entry.code)).toEqual(HEURISTICALLY_CACHEABLE);
  });

  it('shows a trace for exactly the codes a browser would hide: the 1xx it sends for real', () => {
    expect(STATUS_CODES.filter(labShowsTrace).map((entry) => entry.code)).toEqual([100, 102, 103]);
  });

  it('marks 306 and 418 unused and 510 obsolete, as the registry does', () => {
    expect(STATUS_CODES.filter((entry) => entry.standing === 'unused').map((entry) => entry.code)).toEqual([306, 418]);
    expect(STATUS_CODES.filter((entry) => entry.standing === 'obsolete').map((entry) => entry.code)).toEqual([510]);
  });

  it('relates codes only to registered codes, never to themselves', () => {
    for (const entry of STATUS_CODES) {
      for (const related of entry.related) {
        expect(statusCode(related)).toBeDefined();
        expect(related).not.toBe(entry.code);
      }
    }
  });

  it('gives the redirect rules of RFC 9110 §15.4 to the five codes that carry a Location to follow', () => {
    const rules = Object.fromEntries(
      STATUS_CODES.filter((entry) => entry.redirect).map((entry) => [entry.code, entry.redirect]),
    );
    expect(rules).toEqual({
      301: { permanent: true, method: 'may-become-get' },
      302: { permanent: false, method: 'may-become-get' },
      303: { permanent: false, method: 'becomes-get' },
      307: { permanent: false, method: 'kept' },
      308: { permanent: true, method: 'kept' },
    });
  });
});

describe('parseCode', () => {
  it.each(['404', '100', '511'])('finds %s', (segment) => expect(parseCode(segment)?.code).toBe(Number(segment)));
  it.each(['299', '600', '0404', '40', '4040', ' 404', '404 ', 'abc', '', '4e2'])('finds nothing for %j', (segment) =>
    expect(parseCode(segment)).toBeUndefined(),
  );
});

describe('nearestCodes', () => {
  it.each([
    ['299', [300, 301, 302]],
    ['250', [226, 208, 207]],
    ['0', [100, 101, 102]],
    ['999999', [511, 510, 508]],
    ['gone', [410]],
    ['too', [413, 414, 425]],
    ['teapot', [418]],
    ['not-found', [404, 302, 304]],
    ['xyz', [200, 404, 500]],
    ['', [200, 404, 500]],
  ])('offers %j → %j', (segment, codes) => {
    expect(nearestCodes(segment).map((entry) => entry.code)).toEqual(codes);
  });
});

describe('references', () => {
  it('links an RFC 9110 section, a whole RFC and a draft', () => {
    expect(referenceUrl({ document: 9110, section: '15.5.5' })).toBe(
      'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5',
    );
    expect(referenceUrl({ document: 8297 })).toBe('https://www.rfc-editor.org/rfc/rfc8297.html');
    expect(referenceUrl({ document: 'draft-x' })).toBe('https://datatracker.ietf.org/doc/draft-x/');
    expect(referenceLabel({ document: 9110, section: '15.5.5' })).toBe('RFC 9110 §15.5.5');
  });

  it('classes codes by their first digit', () => {
    expect(STATUS_CODES.map((entry) => classOf(entry.code))).toEqual(
      STATUS_CODES.map((entry) => Number(String(entry.code)[0])),
    );
  });
});
