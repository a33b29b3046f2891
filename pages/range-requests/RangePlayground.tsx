import { useState } from 'react';
import type { Locale } from '../../shared/locale';
import { useMounted } from '../../shared/use-mounted';
import { endpointPath } from '../../shared/endpoints';
import { hexRows, returnedBytes, type ReturnedBytes } from './returned-bytes';

/** The most of a body the playground reads: enough for every part of a few small ranges. */
const READ_LIMIT = 64 * 1024;
/** Bytes of each part the hex view shows. */
const HEX_SHOWN = 64;

const STRINGS = {
  zh: {
    heading: 'Range 试验台',
    needsJs: '这个试验需要 JavaScript：它从你的浏览器发出带 Range 头的请求。',
    file: '文件',
    range: 'Range',
    ifRange: 'If-Range（可选）',
    send: '发送',
    status: '状态',
    headers: '响应头',
    failed: '请求失败',
    map: (r: ReturnedBytes) =>
      r.parts.length === 0
        ? `文件共 ${r.length} 字节，一个字节也没有回来`
        : `文件共 ${r.length} 字节，回来的是：${r.parts.map((p) => `${p.range.start}–${p.range.end}`).join('、')}`,
    part: (start: number, end: number, shown: number) =>
      `第 ${start}–${end} 字节${end - start + 1 > shown ? `（前 ${shown} 个）` : ''}，左边一列是它们在文件里的偏移`,
  },
  en: {
    heading: 'Range playground',
    needsJs: 'This playground needs JavaScript: it sends requests with a Range header from your browser.',
    file: 'File',
    range: 'Range',
    ifRange: 'If-Range (optional)',
    send: 'Send',
    status: 'Status',
    headers: 'Response headers',
    failed: 'The request failed',
    map: (r: ReturnedBytes) =>
      r.parts.length === 0
        ? `Of the file’s ${r.length} bytes, none came back`
        : `Of the file’s ${r.length} bytes, these came back: ${r.parts.map((p) => `${p.range.start}–${p.range.end}`).join(', ')}`,
    part: (start: number, end: number, shown: number) =>
      `Bytes ${start}–${end}${end - start + 1 > shown ? ` (the first ${shown})` : ''}, each line starting at its offset in the file`,
  },
};

const SHOWN_HEADERS = [
  'content-type',
  'content-length',
  'content-range',
  'accept-ranges',
  'etag',
  'last-modified',
  'repr-digest',
];

interface Result {
  status: number;
  statusText: string;
  protocol: string;
  headers: [string, string][];
  returned: ReturnedBytes | null;
}

/** Up to `limit` bytes of a body, the rest cancelled. */
async function readPrefix(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body?.getReader();
  while (reader && size < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader?.cancel();
  const out = new Uint8Array(Math.min(size, limit));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk.subarray(0, out.length - at), at);
    at += Math.min(chunk.length, out.length - at);
  }
  return out;
}

/** Where the bytes that came back lie in the file, as a bar the file's whole length. */
function ByteBar({ returned, label }: { returned: ReturnedBytes; label: string }) {
  const percent = (n: number) => `${(n / returned.length) * 100}%`;
  return (
    <div className="range-bar" role="img" aria-label={label} data-testid="range-bar">
      {returned.parts.map(({ range }) => (
        <span
          key={range.start}
          className="range-bar__part"
          style={{ left: percent(range.start), width: percent(range.end - range.start + 1) }}
        />
      ))}
    </div>
  );
}

/** The reader's own Range requests against a demo file: the raw status, headers and first bytes. */
export function RangePlayground({ locale }: { locale: Locale }) {
  const text = STRINGS[locale];
  const mounted = useMounted();
  const [file, setFile] = useState('1mb.bin');
  const [range, setRange] = useState('bytes=0-15, 1000-1007');
  const [ifRange, setIfRange] = useState('');
  const [result, setResult] = useState<Result | string | null>(null);
  if (!mounted) return <p className="widget__note">{text.needsJs}</p>;
  const send = async () => {
    try {
      const headers: Record<string, string> = {};
      if (range.trim()) headers.Range = range;
      if (ifRange.trim()) headers['If-Range'] = ifRange;
      const response = await fetch(endpointPath('demoFile', { name: file }), { headers, cache: 'no-store' });
      const body = await readPrefix(response.body, READ_LIMIT);
      const [entry] = performance.getEntriesByName(response.url).slice(-1) as PerformanceResourceTiming[];
      setResult({
        status: response.status,
        statusText: response.statusText,
        protocol: entry?.nextHopProtocol ?? '',
        headers: SHOWN_HEADERS.flatMap((name) =>
          response.headers.has(name) ? [[name, response.headers.get(name) as string] as [string, string]] : [],
        ),
        returned: returnedBytes(response.status, (name) => response.headers.get(name), body),
      });
    } catch (error) {
      setResult(`${text.failed}: ${(error as Error).message}`);
    }
  };
  return (
    <div className="range-playground" data-testid="range-playground">
      <h3>{text.heading}</h3>
      <div className="echo-lab__row">
        <label>
          {text.file}{' '}
          <select value={file} onChange={(event) => setFile(event.target.value)}>
            {['1mb.bin', '16mb.bin', '256mb.bin'].map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label>
          {text.range} <input value={range} onChange={(event) => setRange(event.target.value)} size={28} />
        </label>
        <label>
          {text.ifRange} <input value={ifRange} onChange={(event) => setIfRange(event.target.value)} size={20} />
        </label>
        <button type="button" className="button" onClick={send}>
          {text.send}
        </button>
      </div>
      {typeof result === 'string' && <p className="widget__note">{result}</p>}
      {result && typeof result === 'object' && (
        <>
          <p data-testid="range-status">
            {text.status}: <strong>{result.status}</strong> {result.statusText}{' '}
            {result.protocol && `(${result.protocol})`}
          </p>
          <pre data-testid="range-headers">{result.headers.map(([name, value]) => `${name}: ${value}`).join('\n')}</pre>
          {result.returned && (
            <>
              <p className="widget__note">{text.map(result.returned)}</p>
              <ByteBar returned={result.returned} label={text.map(result.returned)} />
              {result.returned.parts.map(({ range, bytes }) => (
                <figure key={range.start} className="range-hex">
                  <figcaption>{text.part(range.start, range.end, HEX_SHOWN)}</figcaption>
                  <pre data-testid="range-hex" tabIndex={0}>
                    {hexRows(bytes.subarray(0, HEX_SHOWN), range.start)
                      .map((row) => `${String(row.offset).padStart(8)}  ${row.hex.padEnd(47)}  ${row.text}`)
                      .join('\n')}
                  </pre>
                </figure>
              ))}
            </>
          )}
        </>
      )}
    </div>
  );
}
