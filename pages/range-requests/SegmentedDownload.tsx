import { useEffect, useRef, useState } from 'react';
import type { Locale } from '../../shared/locale';
import { useMounted } from '../../shared/use-mounted';
import { endpointPath } from '../../shared/endpoints';
import { SLOW_PACE, withPace, type Pace } from '../../shared/lab-pace';

const SEGMENTS = 4;

const STRINGS = {
  zh: {
    heading: '分段并行下载',
    needsJs: '这个演示需要 JavaScript：它在你的浏览器里分段下载一个文件。',
    start: '开始下载',
    pause: '暂停',
    resume: '继续',
    change: '在我下载时修改这个文件',
    restart: '从头再下',
    segment: (i: number) => `第 ${i + 1} 段`,
    file: (length: number, etag: string) => `文件 ${length} 字节，ETag ${etag}`,
    changed: '文件已被修改。',
    restarted:
      '续传请求带着旧的 ETag 作为 If-Range，服务器发现不匹配，回了 200 和整个新文件，而不是 206：拼接旧片段会得到一个损坏的文件，所以必须重新开始。',
    verifying: '正在用 WebCrypto 计算 SHA-256……',
    verified: (ok: boolean) =>
      ok ? '拼好的文件的 SHA-256 与服务器的 Repr-Digest 一致。' : 'SHA-256 与 Repr-Digest 不一致！',
    failed: '下载失败',
    slow: (kib: number) => `慢速模式：服务器以每段约 ${kib} KiB/s 的速度发送，来得及暂停、来得及在下载中途修改文件`,
    stale: '作废',
  },
  en: {
    heading: 'Segmented parallel download',
    needsJs: 'This demo needs JavaScript: it downloads a file in segments from your browser.',
    start: 'Start download',
    pause: 'Pause',
    resume: 'Resume',
    change: 'Change the file under me',
    restart: 'Start over',
    segment: (i: number) => `Segment ${i + 1}`,
    file: (length: number, etag: string) => `File of ${length} bytes, ETag ${etag}`,
    changed: 'The file has been changed.',
    restarted:
      'The resume carried the old ETag in If-Range; the server saw it no longer matches and answered 200 with the whole new file, not 206. Gluing the old pieces to new ones would corrupt the file, so the download must start over.',
    verifying: 'Computing SHA-256 with WebCrypto…',
    verified: (ok: boolean) =>
      ok
        ? 'The SHA-256 of the assembled file matches the server’s Repr-Digest.'
        : 'The SHA-256 does not match the Repr-Digest!',
    failed: 'The download failed',
    slow: (kib: number) =>
      `Slow mode: the server sends each segment at about ${kib} KiB/s, slow enough to pause, or to change the file mid-download`,
    stale: 'stale',
  },
};

interface Segment {
  start: number;
  end: number;
  chunks: Uint8Array[];
  received: number;
}

type Phase = 'idle' | 'running' | 'paused' | 'stale' | 'verifying' | 'done' | 'failed';

function readerId(): string {
  const key = 'wirebook:reader';
  let id = sessionStorage.getItem(key);
  if (!id) {
    id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');
    sessionStorage.setItem(key, id);
  }
  return id;
}

const base64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));

/**
 * A download manager in miniature: one file in four Range requests at once, each resumable from
 * the bytes it has, guarded by If-Range; the assembled bytes checked against Repr-Digest.
 */
export function SegmentedDownload({ locale }: { locale: Locale }) {
  const text = STRINGS[locale];
  const mounted = useMounted();
  const [phase, setPhase] = useState<Phase>('idle');
  const [info, setInfo] = useState<{ length: number; etag: string; digest: string } | null>(null);
  const [progress, setProgress] = useState<number[]>([]);
  const [message, setMessage] = useState('');
  const [pace, setPace] = useState<Pace>('full');
  const segments = useRef<Segment[]>([]);
  const controllers = useRef<AbortController[]>([]);
  // The Repr-Digest of the file being assembled (state would be stale inside the running download).
  const digest = useRef('');
  useEffect(() => () => controllers.current.forEach((c) => c.abort()), []);
  if (!mounted) return <p className="widget__note">{text.needsJs}</p>;
  const file = () => endpointPath('changingFile', { reader: readerId() });

  const show = () => setProgress(segments.current.map((s) => s.received / (s.end - s.start + 1)));

  const run = async (etag: string) => {
    setPhase('running');
    // This run's own controllers: a run that the reader's change cut short must not abort the next.
    const aborts = segments.current.map(() => new AbortController());
    controllers.current = aborts;
    try {
      await Promise.all(
        segments.current.map(async (segment, i) => {
          const from = segment.start + segment.received;
          if (from > segment.end) return;
          const response = await fetch(withPace(file(), pace), {
            headers: { Range: `bytes=${from}-${segment.end}`, 'If-Range': etag },
            signal: aborts[i]?.signal,
            cache: 'no-store',
          });
          if (response.status !== 206) throw Object.assign(new Error('stale'), { stale: true });
          const reader = (response.body as ReadableStream<Uint8Array>).getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            segment.chunks.push(value);
            segment.received += value.length;
            show();
          }
        }),
      );
    } catch (error) {
      aborts.forEach((c) => c.abort());
      if ((error as { stale?: boolean }).stale) return setPhase('stale');
      if ((error as Error).name === 'AbortError') return; // paused
      setMessage(`${text.failed}: ${(error as Error).message}`);
      return setPhase('failed');
    }
    setPhase('verifying');
    const whole = new Uint8Array(segments.current.reduce((sum, s) => sum + s.received, 0));
    let offset = 0;
    for (const chunk of segments.current.flatMap((segment) => segment.chunks)) {
      whole.set(chunk, offset);
      offset += chunk.length;
    }
    const sha = base64(await crypto.subtle.digest('SHA-256', whole));
    setMessage(text.verified(`sha-256=:${sha}:` === digest.current));
    setPhase('done');
  };

  const start = async () => {
    setMessage('');
    const head = await fetch(file(), { method: 'HEAD', cache: 'no-store' });
    const length = Number(head.headers.get('content-length'));
    const next = { length, etag: head.headers.get('etag') ?? '', digest: head.headers.get('repr-digest') ?? '' };
    digest.current = next.digest;
    setInfo(next);
    const size = Math.ceil(length / SEGMENTS);
    segments.current = Array.from({ length: SEGMENTS }, (_, i) => ({
      start: i * size,
      end: Math.min(length, (i + 1) * size) - 1,
      chunks: [],
      received: 0,
    }));
    show();
    await run(next.etag);
  };

  return (
    <div className="segmented" data-testid="segmented-download">
      <h3>{text.heading}</h3>
      <div className="echo-lab__row">
        {(phase === 'idle' || phase === 'done' || phase === 'stale' || phase === 'failed') && (
          <button type="button" className="button" onClick={start}>
            {phase === 'idle' ? text.start : text.restart}
          </button>
        )}
        {phase === 'running' && (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              controllers.current.forEach((c) => c.abort());
              setPhase('paused');
            }}
          >
            {text.pause}
          </button>
        )}
        {phase === 'paused' && info && (
          <button type="button" className="button" onClick={() => run(info.etag)}>
            {text.resume}
          </button>
        )}
        {(phase === 'paused' || phase === 'running') && (
          <button
            type="button"
            className="button button--quiet"
            onClick={async () => {
              const wasRunning = phase === 'running';
              controllers.current.forEach((c) => c.abort());
              await fetch(file(), { method: 'POST' });
              setMessage(text.changed);
              // A running download resumes at once, so the reader sees If-Range answer the change.
              if (wasRunning && info) await run(info.etag);
              else setPhase('paused');
            }}
          >
            {text.change}
          </button>
        )}
      </div>
      <label className="segmented__pace">
        <input
          type="checkbox"
          checked={pace === 'slow'}
          onChange={() => setPace((was) => (was === 'slow' ? 'full' : 'slow'))}
        />{' '}
        {text.slow(SLOW_PACE.bytesPerSecond / 1024)}
      </label>
      {info && <p className="widget__note">{text.file(info.length, info.etag)}</p>}
      <ol className="segmented__bars">
        {progress.map((fraction, i) => {
          // After a change, every byte already received belongs to the old version.
          const stale = phase === 'stale' && fraction > 0;
          return (
            <li key={i} className={stale ? 'segmented__segment--stale' : undefined} data-stale={stale}>
              <span>{text.segment(i)}</span>
              <progress max={1} value={fraction} aria-label={text.segment(i)} data-testid="segment-progress" />
              <span>{stale ? text.stale : `${Math.round(fraction * 100)}%`}</span>
            </li>
          );
        })}
      </ol>
      {phase === 'stale' && <p data-testid="download-stale">{text.restarted}</p>}
      {phase === 'verifying' && <p className="widget__note">{text.verifying}</p>}
      {message && <p data-testid="download-message">{message}</p>}
    </div>
  );
}
