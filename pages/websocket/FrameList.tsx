import type { CapturedFrame } from '../../shared/feed/protocol';
import type { Locale } from '../../shared/locale';
import { decodeFrame, FrameError, OPCODE_NAME, parseCloseBody, type Frame } from '../../shared/websocket/frame';

const STRINGS = {
  zh: {
    in: '浏览器 → 服务器',
    out: '服务器 → 浏览器',
    fin: 'FIN',
    rsv: 'RSV1–3',
    opcode: '操作码（opcode）',
    mask: 'MASK',
    key: '掩码键（masking key）',
    lengthForm: '长度编码',
    length: '载荷长度',
    payload: '载荷（已去掩码）',
    bytes: '线上字节（开头部分）',
    forms: { 7: '7 位', 16: '7 位 + 16 位', 64: '7 位 + 64 位' },
    cut: (n: number) => `（只保留了前 ${n} 字节）`,
    close: (code: number | null, reason: string) =>
      code === null ? '无状态码' : `状态码 ${code}${reason ? `，原因“${reason}”` : ''}`,
    broken: '无法解码：',
    empty: '（空）',
  },
  en: {
    in: 'browser → server',
    out: 'server → browser',
    fin: 'FIN',
    rsv: 'RSV1–3',
    opcode: 'Opcode',
    mask: 'MASK',
    key: 'Masking key',
    lengthForm: 'Length form',
    length: 'Payload length',
    payload: 'Payload (unmasked)',
    bytes: 'Bytes on the wire (start)',
    forms: { 7: '7 bits', 16: '7 + 16 bits', 64: '7 + 64 bits' },
    cut: (n: number) => ` (only the first ${n} bytes were kept)`,
    close: (code: number | null, reason: string) =>
      code === null ? 'no status code' : `status ${code}${reason ? `, reason “${reason}”` : ''}`,
    broken: 'Cannot decode: ',
    empty: '(empty)',
  },
};

/** The frame with its payload cut to what was kept (`missing` bytes were not). */
const cut = (frame: Frame, missing: number): Frame =>
  missing > 0 ? { ...frame, payload: frame.payload.subarray(0, frame.payload.length - missing) } : frame;

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

function payloadText(frame: Frame, locale: Locale): string {
  const text = STRINGS[locale];
  if (frame.payload.length === 0) return text.empty;
  if (frame.opcode === 0x8) {
    const { code, reason } = parseCloseBody(frame.payload);
    return text.close(code, reason);
  }
  if (frame.opcode === 0x2) return hex(frame.payload.subarray(0, 64));
  return new TextDecoder().decode(frame.payload);
}

/** Captured frames decoded field by field with the shared codec, from the bytes as they were sent. */
export function FrameList({ frames, locale }: { frames: CapturedFrame[]; locale: Locale }) {
  const text = STRINGS[locale];
  return (
    <ol className="frame-list" data-testid="frame-list">
      {frames.map((captured, index) => {
        let bytes: Uint8Array;
        try {
          bytes = Uint8Array.from(atob(captured.bytes), (c) => c.charCodeAt(0));
        } catch {
          return <li key={index}>{text.broken}base64</li>;
        }
        // A long payload was kept only in part: decode the header as sent, the payload as far as kept.
        const whole = new Uint8Array(Math.max(captured.size, bytes.length));
        whole.set(bytes);
        let decoded;
        try {
          decoded = decodeFrame(whole, { allowRsv1: true });
        } catch (error) {
          if (!(error instanceof FrameError)) throw error;
          return (
            <li key={index}>
              {text.broken}
              {error.message}
            </li>
          );
        }
        const frame = decoded.complete ? decoded.frame : null;
        return (
          <li key={index} className="frame-list__frame" data-direction={captured.direction} data-opcode={frame?.opcode}>
            <strong>{captured.direction === 'client-to-server' ? text.in : text.out}</strong>
            {frame && (
              <dl className="figures">
                <dt>{text.fin}</dt>
                <dd>{frame.fin ? 1 : 0}</dd>
                <dt>{text.rsv}</dt>
                <dd>{[frame.rsv1, frame.rsv2, frame.rsv3].map(Number).join(' ')}</dd>
                <dt>{text.opcode}</dt>
                <dd>
                  0x{frame.opcode.toString(16)} ({OPCODE_NAME[frame.opcode]})
                </dd>
                <dt>{text.mask}</dt>
                <dd data-testid="frame-mask">{frame.masked ? 1 : 0}</dd>
                {frame.maskingKey && (
                  <>
                    <dt>{text.key}</dt>
                    <dd>{hex(frame.maskingKey)}</dd>
                  </>
                )}
                <dt>{text.lengthForm}</dt>
                <dd>{text.forms[frame.lengthForm]}</dd>
                <dt>{text.length}</dt>
                <dd>
                  {frame.payloadLength}
                  {captured.size > bytes.length ? text.cut(bytes.length) : ''}
                </dd>
                <dt>{text.payload}</dt>
                <dd className="frame-list__payload">{payloadText(cut(frame, captured.size - bytes.length), locale)}</dd>
              </dl>
            )}
            {!frame && <p className="widget__note">{text.cut(bytes.length)}</p>}
            <p className="frame-list__bytes">
              {text.bytes}: <code>{hex(bytes.subarray(0, 24))}</code>
            </p>
          </li>
        );
      })}
    </ol>
  );
}
