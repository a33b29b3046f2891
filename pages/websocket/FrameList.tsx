import { ByteMap, type ByteField } from '../../shared/components/ByteMap';
import type { CapturedFrame } from '../../shared/feed/protocol';
import type { Locale } from '../../shared/locale';
import { decodeFrame, FrameError, OPCODE_NAME, parseCloseBody, type Frame } from '../../shared/websocket/frame';
import { formatHex } from '../../shared/format';

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
    bytes: '线上字节（开头部分；悬停或聚焦某个字节，看它属于哪个字段）',
    byte0: 'FIN、RSV1–3、操作码',
    byte1: 'MASK、7 位长度',
    extended: '扩展载荷长度',
    maskedPayload: '载荷（线上是加了掩码的）',
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
    bytes: 'Bytes on the wire (the start; hover over or focus a byte to see its field)',
    byte0: 'FIN, RSV1–3, opcode',
    byte1: 'MASK, 7-bit length',
    extended: 'extended payload length',
    maskedPayload: 'payload (masked on the wire)',
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

function payloadText(frame: Frame, locale: Locale): string {
  const text = STRINGS[locale];
  if (frame.payload.length === 0) return text.empty;
  if (frame.opcode === 0x8) {
    const { code, reason } = parseCloseBody(frame.payload);
    return text.close(code, reason);
  }
  if (frame.opcode === 0x2) return formatHex(frame.payload.subarray(0, 64));
  return new TextDecoder().decode(frame.payload);
}

const SHOWN_BYTES = 24;

/** Where each field of a frame lies among its first bytes, from its decoded header. */
function fieldsOf(frame: Frame, shown: number, text: (typeof STRINGS)[Locale]): ByteField[] {
  const extended = { 7: 0, 16: 2, 64: 8 }[frame.lengthForm];
  const keyAt = 2 + extended;
  const payloadAt = keyAt + (frame.maskingKey ? 4 : 0);
  const fields: ByteField[] = [
    { span: [0, 1], name: '', meaning: text.byte0 },
    { span: [1, 2], name: '', meaning: text.byte1 },
  ];
  if (extended > 0) fields.push({ span: [2, keyAt], name: '', meaning: text.extended });
  if (frame.maskingKey) fields.push({ span: [keyAt, payloadAt], name: '', meaning: text.key });
  if (shown > payloadAt)
    fields.push({ span: [payloadAt, shown], name: '', meaning: frame.masked ? text.maskedPayload : text.payload });
  return fields.filter(({ span: [from] }) => from < shown);
}

/** Captured frames decoded field by field with the shared codec, from the bytes as they were sent. */
/** `id` keeps the byte maps' labels unique on a page with more than one list. */
export function FrameList({ id, frames, locale }: { id: string; frames: CapturedFrame[]; locale: Locale }) {
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
                    <dd>{formatHex(frame.maskingKey)}</dd>
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
            {frame ? (
              <ByteMap
                id={`${id}-${index}`}
                caption={text.bytes}
                rows={[
                  {
                    label: '',
                    hex: formatHex(bytes.subarray(0, SHOWN_BYTES)),
                    fields: fieldsOf(frame, Math.min(SHOWN_BYTES, bytes.length), text),
                  },
                ]}
              />
            ) : (
              <p className="frame-list__bytes">
                {text.bytes}: <code>{formatHex(bytes.subarray(0, SHOWN_BYTES))}</code>
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
