import { useState } from 'react';
import type { Locale } from '../../shared/locale';
import { useMounted } from '../../shared/use-mounted';
import { endpointPath } from '../../shared/endpoints';

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
    bytes: (n: number) => `响应体的前 ${n} 字节`,
    failed: '请求失败',
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
    bytes: (n: number) => `First ${n} bytes of the body`,
    failed: 'The request failed',
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
  preview: string;
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
      const reader = response.body?.getReader();
      const first = reader ? ((await reader.read()).value ?? new Uint8Array()) : new Uint8Array();
      await reader?.cancel();
      const [entry] = performance.getEntriesByName(response.url).slice(-1) as PerformanceResourceTiming[];
      setResult({
        status: response.status,
        statusText: response.statusText,
        protocol: entry?.nextHopProtocol ?? '',
        headers: SHOWN_HEADERS.flatMap((name) =>
          response.headers.has(name) ? [[name, response.headers.get(name) as string] as [string, string]] : [],
        ),
        preview: Array.from(first.subarray(0, 64), (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '·')).join(''),
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
          <p className="widget__note">{text.bytes(64)}</p>
          <pre>{result.preview}</pre>
        </>
      )}
    </div>
  );
}
