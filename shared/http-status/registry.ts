/**
 * The IANA HTTP Status Code Registry (https://www.iana.org/assignments/http-status-codes), as data.
 * Every fact about a code that is not prose lives here once: the pages, the index, the lab and the
 * redirect table all read it. Prose per locale lives in pages/http-status/[code]/<code>.<locale>.md.
 */
import { endpointPath } from '../endpoints';
import { rfcSectionUrl, rfcUrl } from '../rfc';

export type StatusClass = 1 | 2 | 3 | 4 | 5;

/** Where a code is defined. `section` is given for RFC 9110, whose sections the registry cites. */
export interface Reference {
  /** An RFC number, or an Internet-Draft name. */
  document: number | string;
  section?: string;
}

/** Where the lab's redirects and 201 point: a resource that answers 200. */
export const LAB_TARGET = endpointPath('statusLab', { code: 200 });
/** The strong validator of the lab's one representation (the 304 and 206 labs are about it). */
export const LAB_ETAG = '"status-lab-1"';
/** The lab's representation is exactly this long; 206 and 416 count in it. */
export const LAB_BODY_LENGTH = 64;

/** A request header field and the value that earns a conditional code. */
export interface LabCondition {
  header: 'Expect' | 'Range' | 'If-None-Match' | 'Early-Data';
  value: string;
}

/**
 * How the lab at /lab/status/:code answers.
 * - `final`: the code itself, with `headers`, the response fields it needs.
 * - `interim`: the 1xx for real, then a 200 that says so (browsers hide 1xx from scripts).
 * - `conditional`: the code only to a request that earns it (`when`); otherwise a 200 saying what to send.
 * - `h1-only`: needs fields HTTP/2 forbids (`headers`); over h2 the lab says so with a 400.
 * - `explained`: cannot stand alone from an origin server; the lab answers 400 and says why.
 */
export type LabPlan =
  | { kind: 'final'; headers?: Record<string, string> }
  | { kind: 'interim'; headers?: Record<string, string> }
  | { kind: 'conditional'; when: LabCondition }
  | { kind: 'h1-only'; headers: Record<string, string> }
  | {
      kind: 'explained';
      because: 'needs-upgrade' | 'proxy-only' | 'intercepting-proxy' | 'inside-multistatus' | 'needs-delta' | 'draft';
    };

/** How a redirect treats the request it redirects (RFC 9110 §15.4). */
export interface RedirectRules {
  permanent: boolean;
  /**
   * 'may-become-get': a POST may be changed to GET (historical practice, which browsers follow);
   * 'becomes-get': the follow-up is a retrieval, GET (HEAD stays HEAD).
   */
  method: 'may-become-get' | 'becomes-get' | 'kept';
}

export interface StatusCode {
  code: number;
  /** The registry's description; the lab's HTTP/1.1 reason phrase (only a recommendation, RFC 9110 §15). */
  name: string;
  /** Names the code has had or is known by, for search: "I'm a teapot", "Payload Too Large". */
  aliases?: string[];
  reference: Reference;
  /**
   * 'unused' (306, 418) and 'obsolete' (510) are marked so in the registry; 'deprecated' is what the
   * defining RFC says (305, RFC 9110 §15.4.6); 'temporary' is a provisional registration.
   */
  standing: 'current' | 'deprecated' | 'unused' | 'obsolete' | 'temporary';
  /** For a temporary registration, the expiry date the registry gives. */
  expires?: string;
  /** Heuristically cacheable: a cache may store it without explicit freshness (RFC 9110 §15.1; 451 by RFC 7725 §3). */
  cacheable: boolean;
  /** Its RFC forbids caches to store it at all, freshness or not (RFC 6585 §3–6 for 428, 429, 431, 511). */
  neverStored?: true;
  /** Header fields the response carries or that give it its meaning. */
  headers: string[];
  related: number[];
  lab: LabPlan;
  redirect?: RedirectRules;
}

const rfc9110 = (section: string): Reference => ({ document: 9110, section });
const rfc = (document: number): Reference => ({ document });
const final: LabPlan = { kind: 'final' };
const sends = (headers: Record<string, string>): LabPlan => ({ kind: 'final', headers });
const redirectsToTarget = sends({ Location: LAB_TARGET });
const retryAfter = sends({ 'Retry-After': '120' });

export const STATUS_CODES: readonly StatusCode[] = [
  {
    code: 100,
    name: 'Continue',
    reference: rfc9110('15.2.1'),
    standing: 'current',
    cacheable: false,
    headers: ['Expect'],
    related: [417, 103],
    lab: { kind: 'conditional', when: { header: 'Expect', value: '100-continue' } },
  },
  {
    code: 101,
    name: 'Switching Protocols',
    reference: rfc9110('15.2.2'),
    standing: 'current',
    cacheable: false,
    headers: ['Upgrade', 'Connection'],
    related: [426, 400],
    lab: { kind: 'explained', because: 'needs-upgrade' },
  },
  {
    code: 102,
    name: 'Processing',
    reference: rfc(2518),
    standing: 'current',
    cacheable: false,
    headers: [],
    related: [103, 202],
    lab: { kind: 'interim' },
  },
  {
    code: 103,
    name: 'Early Hints',
    reference: rfc(8297),
    standing: 'current',
    cacheable: false,
    headers: ['Link'],
    related: [100, 200],
    lab: { kind: 'interim', headers: { Link: '</favicon.svg>; rel=preload; as=image' } },
  },
  {
    code: 104,
    name: 'Upload Resumption Supported',
    reference: { document: 'draft-ietf-httpbis-resumable-upload' },
    standing: 'temporary',
    expires: '2026-11-13',
    cacheable: false,
    headers: ['Location', 'Upload-Offset', 'Upload-Limit'],
    related: [103, 201],
    lab: { kind: 'explained', because: 'draft' },
  },

  {
    code: 200,
    name: 'OK',
    reference: rfc9110('15.3.1'),
    standing: 'current',
    cacheable: true,
    headers: ['Content-Type', 'Content-Length'],
    related: [201, 204, 206],
    lab: final,
  },
  {
    code: 201,
    name: 'Created',
    reference: rfc9110('15.3.2'),
    standing: 'current',
    cacheable: false,
    headers: ['Location', 'ETag'],
    related: [200, 202, 303],
    lab: redirectsToTarget,
  },
  {
    code: 202,
    name: 'Accepted',
    reference: rfc9110('15.3.3'),
    standing: 'current',
    cacheable: false,
    headers: [],
    related: [200, 201, 102],
    lab: final,
  },
  {
    code: 203,
    name: 'Non-Authoritative Information',
    reference: rfc9110('15.3.4'),
    standing: 'current',
    cacheable: true,
    headers: [],
    related: [200],
    lab: final,
  },
  {
    code: 204,
    name: 'No Content',
    reference: rfc9110('15.3.5'),
    standing: 'current',
    cacheable: true,
    headers: ['ETag'],
    related: [200, 205],
    lab: final,
  },
  {
    code: 205,
    name: 'Reset Content',
    reference: rfc9110('15.3.6'),
    standing: 'current',
    cacheable: false,
    headers: ['Content-Length'],
    related: [204],
    lab: final,
  },
  {
    code: 206,
    name: 'Partial Content',
    reference: rfc9110('15.3.7'),
    standing: 'current',
    cacheable: true,
    headers: ['Content-Range', 'Range', 'Accept-Ranges'],
    related: [200, 416],
    lab: { kind: 'conditional', when: { header: 'Range', value: 'bytes=0-15' } },
  },
  {
    code: 207,
    name: 'Multi-Status',
    reference: rfc(4918),
    standing: 'current',
    cacheable: false,
    headers: ['Content-Type'],
    related: [208, 424],
    lab: final,
  },
  {
    code: 208,
    name: 'Already Reported',
    reference: rfc(5842),
    standing: 'current',
    cacheable: false,
    headers: ['DAV'],
    related: [207, 508],
    lab: { kind: 'explained', because: 'inside-multistatus' },
  },
  {
    code: 226,
    name: 'IM Used',
    reference: rfc(3229),
    standing: 'current',
    cacheable: false,
    headers: ['IM', 'A-IM', 'ETag', 'Delta-Base'],
    related: [200, 304],
    lab: { kind: 'explained', because: 'needs-delta' },
  },

  {
    code: 300,
    name: 'Multiple Choices',
    reference: rfc9110('15.4.1'),
    standing: 'current',
    cacheable: true,
    headers: ['Location'],
    related: [406],
    lab: redirectsToTarget,
  },
  {
    code: 301,
    name: 'Moved Permanently',
    reference: rfc9110('15.4.2'),
    standing: 'current',
    cacheable: true,
    headers: ['Location'],
    related: [308, 302],
    lab: redirectsToTarget,
    redirect: { permanent: true, method: 'may-become-get' },
  },
  {
    code: 302,
    name: 'Found',
    aliases: ['Moved Temporarily'],
    reference: rfc9110('15.4.3'),
    standing: 'current',
    cacheable: false,
    headers: ['Location'],
    related: [307, 303, 301],
    lab: redirectsToTarget,
    redirect: { permanent: false, method: 'may-become-get' },
  },
  {
    code: 303,
    name: 'See Other',
    reference: rfc9110('15.4.4'),
    standing: 'current',
    cacheable: false,
    headers: ['Location'],
    related: [302, 307, 201],
    lab: redirectsToTarget,
    redirect: { permanent: false, method: 'becomes-get' },
  },
  {
    code: 304,
    name: 'Not Modified',
    reference: rfc9110('15.4.5'),
    standing: 'current',
    cacheable: false,
    headers: ['ETag', 'Cache-Control', 'Vary', 'Expires', 'Content-Location', 'If-None-Match', 'If-Modified-Since'],
    related: [200, 412],
    lab: { kind: 'conditional', when: { header: 'If-None-Match', value: LAB_ETAG } },
  },
  {
    code: 305,
    name: 'Use Proxy',
    reference: rfc9110('15.4.6'),
    standing: 'deprecated',
    cacheable: false,
    headers: [],
    related: [407],
    lab: final,
  },
  {
    code: 306,
    name: '(Unused)',
    aliases: ['Switch Proxy'],
    reference: rfc9110('15.4.7'),
    standing: 'unused',
    cacheable: false,
    headers: [],
    related: [305, 307],
    lab: final,
  },
  {
    code: 307,
    name: 'Temporary Redirect',
    reference: rfc9110('15.4.8'),
    standing: 'current',
    cacheable: false,
    headers: ['Location'],
    related: [302, 308, 303],
    lab: redirectsToTarget,
    redirect: { permanent: false, method: 'kept' },
  },
  {
    code: 308,
    name: 'Permanent Redirect',
    reference: rfc9110('15.4.9'),
    standing: 'current',
    cacheable: true,
    headers: ['Location'],
    related: [301, 307],
    lab: redirectsToTarget,
    redirect: { permanent: true, method: 'kept' },
  },

  {
    code: 400,
    name: 'Bad Request',
    reference: rfc9110('15.5.1'),
    standing: 'current',
    cacheable: false,
    headers: [],
    related: [422, 431, 414],
    lab: final,
  },
  {
    code: 401,
    name: 'Unauthorized',
    reference: rfc9110('15.5.2'),
    standing: 'current',
    cacheable: false,
    headers: ['WWW-Authenticate', 'Authorization'],
    related: [403, 407],
    lab: sends({ 'WWW-Authenticate': 'Bearer realm="wirebook-lab"' }),
  },
  {
    code: 402,
    name: 'Payment Required',
    reference: rfc9110('15.5.3'),
    standing: 'current',
    cacheable: false,
    headers: [],
    related: [403],
    lab: final,
  },
  {
    code: 403,
    name: 'Forbidden',
    reference: rfc9110('15.5.4'),
    standing: 'current',
    cacheable: false,
    headers: [],
    related: [401, 404],
    lab: final,
  },
  {
    code: 404,
    name: 'Not Found',
    reference: rfc9110('15.5.5'),
    standing: 'current',
    cacheable: true,
    headers: [],
    related: [410, 403],
    lab: final,
  },
  {
    code: 405,
    name: 'Method Not Allowed',
    reference: rfc9110('15.5.6'),
    standing: 'current',
    cacheable: true,
    headers: ['Allow'],
    related: [501, 404],
    lab: sends({ Allow: 'OPTIONS' }),
  },
  {
    code: 406,
    name: 'Not Acceptable',
    reference: rfc9110('15.5.7'),
    standing: 'current',
    cacheable: false,
    headers: ['Accept', 'Accept-Language', 'Accept-Encoding'],
    related: [415, 300],
    lab: final,
  },
  {
    code: 407,
    name: 'Proxy Authentication Required',
    reference: rfc9110('15.5.8'),
    standing: 'current',
    cacheable: false,
    headers: ['Proxy-Authenticate', 'Proxy-Authorization'],
    related: [401, 511],
    lab: { kind: 'explained', because: 'proxy-only' },
  },
  {
    code: 408,
    name: 'Request Timeout',
    reference: rfc9110('15.5.9'),
    standing: 'current',
    cacheable: false,
    headers: ['Connection'],
    related: [504, 400],
    lab: final,
  },
  {
    code: 409,
    name: 'Conflict',
    reference: rfc9110('15.5.10'),
    standing: 'current',
    cacheable: false,
    headers: [],
    related: [412, 422],
    lab: final,
  },
  {
    code: 410,
    name: 'Gone',
    reference: rfc9110('15.5.11'),
    standing: 'current',
    cacheable: true,
    headers: [],
    related: [404, 301],
    lab: final,
  },
  {
    code: 411,
    name: 'Length Required',
    reference: rfc9110('15.5.12'),
    standing: 'current',
    cacheable: false,
    headers: ['Content-Length'],
    related: [413, 400],
    lab: final,
  },
  {
    code: 412,
    name: 'Precondition Failed',
    reference: rfc9110('15.5.13'),
    standing: 'current',
    cacheable: false,
    headers: ['If-Match', 'If-Unmodified-Since', 'If-None-Match', 'ETag'],
    related: [304, 428, 409],
    lab: final,
  },
  {
    code: 413,
    name: 'Content Too Large',
    aliases: ['Payload Too Large', 'Request Entity Too Large'],
    reference: rfc9110('15.5.14'),
    standing: 'current',
    cacheable: false,
    headers: ['Retry-After'],
    related: [411, 431, 414],
    lab: final,
  },
  {
    code: 414,
    name: 'URI Too Long',
    aliases: ['Request-URI Too Long'],
    reference: rfc9110('15.5.15'),
    standing: 'current',
    cacheable: true,
    headers: [],
    related: [413, 431],
    lab: final,
  },
  {
    code: 415,
    name: 'Unsupported Media Type',
    reference: rfc9110('15.5.16'),
    standing: 'current',
    cacheable: false,
    headers: ['Content-Type', 'Content-Encoding', 'Accept', 'Accept-Encoding'],
    related: [406, 422],
    lab: final,
  },
  {
    code: 416,
    name: 'Range Not Satisfiable',
    aliases: ['Requested Range Not Satisfiable'],
    reference: rfc9110('15.5.17'),
    standing: 'current',
    cacheable: false,
    headers: ['Content-Range', 'Range'],
    related: [206, 200],
    lab: { kind: 'conditional', when: { header: 'Range', value: `bytes=${LAB_BODY_LENGTH}-` } },
  },
  {
    code: 417,
    name: 'Expectation Failed',
    reference: rfc9110('15.5.18'),
    standing: 'current',
    cacheable: false,
    headers: ['Expect'],
    related: [100],
    lab: final,
  },
  {
    code: 418,
    name: '(Unused)',
    aliases: ["I'm a teapot"],
    reference: rfc9110('15.5.19'),
    standing: 'unused',
    cacheable: false,
    headers: [],
    related: [400, 501],
    lab: final,
  },
  {
    code: 421,
    name: 'Misdirected Request',
    reference: rfc9110('15.5.20'),
    standing: 'current',
    cacheable: false,
    headers: [],
    related: [400, 404],
    lab: final,
  },
  {
    code: 422,
    name: 'Unprocessable Content',
    aliases: ['Unprocessable Entity'],
    reference: rfc9110('15.5.21'),
    standing: 'current',
    cacheable: false,
    headers: ['Content-Type'],
    related: [400, 415, 409],
    lab: final,
  },
  {
    code: 423,
    name: 'Locked',
    reference: rfc(4918),
    standing: 'current',
    cacheable: false,
    headers: [],
    related: [409, 424],
    lab: final,
  },
  {
    code: 424,
    name: 'Failed Dependency',
    reference: rfc(4918),
    standing: 'current',
    cacheable: false,
    headers: [],
    related: [207, 423],
    lab: final,
  },
  {
    code: 425,
    name: 'Too Early',
    reference: rfc(8470),
    standing: 'current',
    cacheable: false,
    headers: ['Early-Data'],
    related: [400, 503],
    lab: { kind: 'conditional', when: { header: 'Early-Data', value: '1' } },
  },
  {
    code: 426,
    name: 'Upgrade Required',
    reference: rfc9110('15.5.22'),
    standing: 'current',
    cacheable: false,
    headers: ['Upgrade', 'Connection'],
    related: [101, 505],
    lab: { kind: 'h1-only', headers: { Upgrade: 'websocket', Connection: 'Upgrade' } },
  },
  {
    code: 428,
    name: 'Precondition Required',
    reference: rfc(6585),
    standing: 'current',
    cacheable: false,
    neverStored: true,
    headers: ['If-Match', 'If-Unmodified-Since'],
    related: [412, 409],
    lab: final,
  },
  {
    code: 429,
    name: 'Too Many Requests',
    reference: rfc(6585),
    standing: 'current',
    cacheable: false,
    neverStored: true,
    headers: ['Retry-After'],
    related: [503, 403],
    lab: retryAfter,
  },
  {
    code: 431,
    name: 'Request Header Fields Too Large',
    reference: rfc(6585),
    standing: 'current',
    cacheable: false,
    neverStored: true,
    headers: [],
    related: [413, 414, 400],
    lab: final,
  },
  {
    code: 451,
    name: 'Unavailable For Legal Reasons',
    reference: rfc(7725),
    standing: 'current',
    cacheable: true,
    headers: ['Link'],
    related: [403, 404, 410],
    lab: sends({ Link: '</http-status/451>; rel="blocked-by"' }),
  },

  {
    code: 500,
    name: 'Internal Server Error',
    reference: rfc9110('15.6.1'),
    standing: 'current',
    cacheable: false,
    headers: [],
    related: [502, 503],
    lab: final,
  },
  {
    code: 501,
    name: 'Not Implemented',
    reference: rfc9110('15.6.2'),
    standing: 'current',
    cacheable: true,
    headers: [],
    related: [405, 500],
    lab: final,
  },
  {
    code: 502,
    name: 'Bad Gateway',
    reference: rfc9110('15.6.3'),
    standing: 'current',
    cacheable: false,
    headers: [],
    related: [504, 503, 500],
    lab: final,
  },
  {
    code: 503,
    name: 'Service Unavailable',
    reference: rfc9110('15.6.4'),
    standing: 'current',
    cacheable: false,
    headers: ['Retry-After'],
    related: [429, 500, 502],
    lab: retryAfter,
  },
  {
    code: 504,
    name: 'Gateway Timeout',
    reference: rfc9110('15.6.5'),
    standing: 'current',
    cacheable: false,
    headers: [],
    related: [502, 408],
    lab: final,
  },
  {
    code: 505,
    name: 'HTTP Version Not Supported',
    reference: rfc9110('15.6.6'),
    standing: 'current',
    cacheable: false,
    headers: [],
    related: [426, 400],
    lab: final,
  },
  {
    code: 506,
    name: 'Variant Also Negotiates',
    reference: rfc(2295),
    standing: 'current',
    cacheable: false,
    headers: [],
    related: [300, 508],
    lab: final,
  },
  {
    code: 507,
    name: 'Insufficient Storage',
    reference: rfc(4918),
    standing: 'current',
    cacheable: false,
    headers: [],
    related: [413, 500],
    lab: final,
  },
  {
    code: 508,
    name: 'Loop Detected',
    reference: rfc(5842),
    standing: 'current',
    cacheable: false,
    headers: [],
    related: [208, 506],
    lab: final,
  },
  {
    code: 510,
    name: 'Not Extended',
    reference: rfc(2774),
    standing: 'obsolete',
    cacheable: false,
    headers: [],
    related: [501],
    lab: final,
  },
  {
    code: 511,
    name: 'Network Authentication Required',
    reference: rfc(6585),
    standing: 'current',
    cacheable: false,
    neverStored: true,
    headers: [],
    related: [401, 407],
    lab: { kind: 'explained', because: 'intercepting-proxy' },
  },
];

const BY_CODE = new Map(STATUS_CODES.map((entry) => [entry.code, entry]));

export function statusCode(code: number): StatusCode | undefined {
  return BY_CODE.get(code);
}

export function classOf(code: number): StatusClass {
  return Math.floor(code / 100) as StatusClass;
}

/** A registered code named by a path segment: three digits, nothing else. */
export function parseCode(segment: string): StatusCode | undefined {
  return /^[1-5][0-9]{2}$/.test(segment) ? BY_CODE.get(Number(segment)) : undefined;
}

/** The URL of a reference: RFCs on rfc-editor.org (with the section), drafts on the datatracker. */
export function referenceUrl(reference: Reference): string {
  if (typeof reference.document === 'string') return `https://datatracker.ietf.org/doc/${reference.document}/`;
  return reference.section ? rfcSectionUrl(reference.document, reference.section) : rfcUrl(reference.document);
}

export function referenceLabel(reference: Reference): string {
  if (typeof reference.document === 'string') return reference.document;
  return reference.section ? `RFC ${reference.document} §${reference.section}` : `RFC ${reference.document}`;
}

/**
 * The registered codes nearest what someone typed, for a 404 page: by number when the segment is
 * numeric (`/http-status/299` → 300, 301, 302), else by how many of its words a code's name or
 * former names hold (`teapot` → 418, `not-found` → 404 first); 200, 404 and 500 when nothing is near.
 */
export function nearestCodes(segment: string, count = 3): StatusCode[] {
  const digits = /^[0-9]{1,6}$/.test(segment) ? Number(segment) : null;
  if (digits !== null) {
    return [...STATUS_CODES]
      .sort((a, b) => Math.abs(a.code - digits) - Math.abs(b.code - digits) || a.code - b.code)
      .slice(0, count);
  }
  const words = segment
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 3);
  const score = (entry: StatusCode) => {
    const names = [entry.name, ...(entry.aliases ?? [])].join(' ').toLowerCase();
    return words.filter((word) => names.includes(word)).length;
  };
  const byName = STATUS_CODES.map((entry) => ({ entry, score: score(entry) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || a.entry.code - b.entry.code)
    .map(({ entry }) => entry);
  if (byName.length > 0) return byName.slice(0, count);
  return [200, 404, 500].map((code) => BY_CODE.get(code) as StatusCode);
}

/** Codes the lab shows through a trace of its own request: browsers hide the 1xx from scripts. */
export function labShowsTrace(entry: StatusCode): boolean {
  return entry.lab.kind === 'interim' || (entry.lab.kind === 'conditional' && entry.lab.when.header === 'Expect');
}
