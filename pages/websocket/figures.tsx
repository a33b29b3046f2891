import { ByteMap } from '../../shared/components/ByteMap';
import { formatHex } from '../../shared/format';
import type { Locale } from '../../shared/locale';
import type { WidgetProps } from '../../shared/page';
import { encodeFrame, OPCODE } from '../../shared/websocket/frame';

// The figures' bytes are written by the site's own frame encoder (its tests hold it to RFC 6455), not typed in.
const utf8 = (text: string) => new TextEncoder().encode(text);
/** RFC 6455 §5.7: a masked text frame of "Hello", with the section's masking key. */
const MASKED_HELLO = formatHex(
  encodeFrame({ opcode: OPCODE.text, payload: utf8('Hello'), maskingKey: Uint8Array.of(0x37, 0xfa, 0x21, 0x3d) }),
);
/** RFC 6455 §5.7: "Hello" in two unmasked fragments. */
const FRAGMENTED_HELLO = [
  formatHex(encodeFrame({ opcode: OPCODE.text, payload: utf8('Hel'), fin: false })),
  formatHex(encodeFrame({ opcode: OPCODE.continuation, payload: utf8('lo') })),
];

/** The lesson's frames as byte maps: drawn on the server, no script. */
const TEXT = {
  zh: {
    masked: 'RFC 6455 第 5.7 节的“Hello”，客户端加了掩码（悬停或聚焦某个字节，看它属于哪个字段）',
    maskedLabel: '一帧，11 字节',
    fragmented: '服务器分两片发送的“Hello”',
    first: '第一片：文本帧，FIN=0',
    second: '第二片：延续帧，FIN=1',
    byte0: (fin: 0 | 1, opcode: string) => `FIN=${fin}，RSV1–3=0，操作码 ${opcode}`,
    byte1: (mask: 0 | 1, length: number) => `MASK=${mask}，载荷长度 ${length}`,
    key: '掩码键，客户端为这一帧随机选取',
    maskedPayload: '载荷，与掩码键逐字节异或之后；再异或一次就还原为 48 65 6c 6c 6f，即“Hello”',
    payload: (text: string) => `载荷，未加掩码：“${text}”`,
    text: '0x1（文本）',
    continuation: '0x0（延续）',
  },
  en: {
    masked: 'RFC 6455’s “Hello” (section 5.7), masked by a client (hover over or focus a byte to see its field)',
    maskedLabel: 'One frame, 11 bytes',
    fragmented: '“Hello” from a server in two fragments',
    first: 'First fragment: a text frame, FIN=0',
    second: 'Second fragment: a continuation frame, FIN=1',
    byte0: (fin: 0 | 1, opcode: string) => `FIN=${fin}, RSV1–3=0, opcode ${opcode}`,
    byte1: (mask: 0 | 1, length: number) => `MASK=${mask}, payload length ${length}`,
    key: 'masking key, chosen at random by the client for this frame',
    maskedPayload: 'payload, XORed with the key byte by byte; XORed again it is 48 65 6c 6c 6f, “Hello”',
    payload: (text: string) => `payload, unmasked: “${text}”`,
    text: '0x1 (text)',
    continuation: '0x0 (continuation)',
  },
} satisfies Record<Locale, unknown>;

export function MaskedFrameMap({ locale }: WidgetProps) {
  const text = TEXT[locale];
  return (
    <ByteMap
      id="masked-frame"
      caption={text.masked}
      rows={[
        {
          label: text.maskedLabel,
          hex: MASKED_HELLO,
          fields: [
            { span: [0, 1], name: '', meaning: text.byte0(1, text.text) },
            { span: [1, 2], name: '', meaning: text.byte1(1, 5) },
            { span: [2, 6], name: '', meaning: text.key },
            { span: [6, 11], name: '', meaning: text.maskedPayload },
          ],
        },
      ]}
    />
  );
}

export function FragmentsMap({ locale }: WidgetProps) {
  const text = TEXT[locale];
  return (
    <ByteMap
      id="fragments"
      caption={text.fragmented}
      rows={[
        {
          label: text.first,
          hex: FRAGMENTED_HELLO[0] as string,
          fields: [
            { span: [0, 1], name: '', meaning: text.byte0(0, text.text) },
            { span: [1, 2], name: '', meaning: text.byte1(0, 3) },
            { span: [2, 5], name: '', meaning: text.payload('Hel') },
          ],
        },
        {
          label: text.second,
          hex: FRAGMENTED_HELLO[1] as string,
          fields: [
            { span: [0, 1], name: '', meaning: text.byte0(1, text.continuation) },
            { span: [1, 2], name: '', meaning: text.byte1(0, 2) },
            { span: [2, 4], name: '', meaning: text.payload('lo') },
          ],
        },
      ]}
    />
  );
}
