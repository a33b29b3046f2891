import { ByteMap } from '../../shared/components/ByteMap';
import { formatHex } from '../../shared/format';
import { FRAME_HEADER_LENGTH, headersFrame, settingsFrame } from '../../shared/http2/frame';
import { HpackEncoder } from '../../shared/hpack';
import type { Locale } from '../../shared/locale';
import type { WidgetProps } from '../../shared/page';
import { MessageLadder, type LadderMessage } from './MessageLadder';

/** The lesson's figures: drawn on the server, no script. Their words live here, beside their bytes. */
const TEXT = {
  zh: {
    preface: '连接前言：客户端不必等服务器的 SETTINGS，就可以发出第一个请求',
    prefaceMessages: [
      ['client', 'PRI * HTTP/2.0 … SM（24 字节）'],
      ['client', 'SETTINGS'],
      ['client', 'HEADERS，流 1（第一个请求）'],
      ['server', 'SETTINGS'],
      ['server', 'SETTINGS，ACK'],
      ['client', 'SETTINGS，ACK'],
      ['server', '流 1 上的 HEADERS、DATA'],
    ],
    frameHeader: '9 字节帧头，两个例子，由本站的帧编码器写出（悬停或聚焦某个字节，看它属于哪个字段）',
    headersFrame: '一个请求的 HEADERS 帧头，后面跟着 29 字节的 HPACK 头部块',
    settingsAck: '确认 SETTINGS 的帧：只有帧头，没有载荷',
    length: 'Length（24 位）',
    type: 'Type（8 位）',
    flags: 'Flags（8 位）',
    stream: 'R（1 位）+ Stream ID（31 位）',
    lengthIs: (n: number) => `载荷长度 ${n} 字节，不含这 9 字节帧头`,
    headersType: '0x1：HEADERS',
    settingsType: '0x4：SETTINGS',
    headersFlags: '0x05 = END_STREAM（0x1）+ END_HEADERS（0x4）：这个请求只有头部，且头部到此结束',
    ackFlag: '0x1：ACK',
    streamIs: (n: number) => (n === 0 ? '保留位 0；流 0，即整条连接' : `保留位 0；流 ${n}`),
    hpack: 'RFC 7541 附录 C.4 的头两个请求，HPACK 编码后的字节',
    first: '第一个请求，17 字节',
    second: '第二个请求，12 字节',
    staticIndex: (n: number, field: string) => `${field}：索引，静态表第 ${n} 项`,
    threeStatic: ':method: GET、:scheme: http、:path: /：同样三个静态表条目，各一字节',
    literal: (n: number) => `带索引的字面量（前两位 01），名字取静态表第 ${n} 项`,
    huffmanLength: (n: number) => `H=1（哈夫曼编码），长度 ${n} 字节`,
    authorityValue: 'www.example.com 的哈夫曼编码；这个字段成为动态表第 62 项',
    dynamic: ':authority: www.example.com：索引，动态表第 62 项，一个字节',
    noCacheValue: 'no-cache 的哈夫曼编码；cache-control 成为第 62 项，authority 挪到第 63 项',
  },
  en: {
    preface: 'The connection preface: the client need not wait for the server’s SETTINGS before its first request',
    prefaceMessages: [
      ['client', 'PRI * HTTP/2.0 … SM (24 octets)'],
      ['client', 'SETTINGS'],
      ['client', 'HEADERS, stream 1 (first request)'],
      ['server', 'SETTINGS'],
      ['server', 'SETTINGS, ACK'],
      ['client', 'SETTINGS, ACK'],
      ['server', 'HEADERS, DATA on stream 1'],
    ],
    frameHeader:
      'The 9-octet frame header, two examples as this site’s frame encoder writes them (hover over or focus a byte to see its field)',
    headersFrame: 'A request’s HEADERS frame header, followed by a 29-octet HPACK header block',
    settingsAck: 'A SETTINGS acknowledgment: a header and no payload',
    length: 'Length (24 bits)',
    type: 'Type (8 bits)',
    flags: 'Flags (8 bits)',
    stream: 'R (1 bit) + Stream ID (31 bits)',
    lengthIs: (n: number) => `a ${n}-octet payload, not counting these 9 octets`,
    headersType: '0x1: HEADERS',
    settingsType: '0x4: SETTINGS',
    headersFlags: '0x05 = END_STREAM (0x1) + END_HEADERS (0x4): a request of headers only, all in this frame',
    ackFlag: '0x1: ACK',
    streamIs: (n: number) =>
      n === 0 ? 'reserved bit 0; stream 0, the connection as a whole' : `reserved bit 0; stream ${n}`,
    hpack: 'The first two requests of RFC 7541, Appendix C.4, as HPACK encodes them',
    first: 'First request, 17 octets',
    second: 'Second request, 12 octets',
    staticIndex: (n: number, field: string) => `${field}: indexed, static entry ${n}`,
    threeStatic: ':method: GET, :scheme: http, :path: /: the same three static entries, one octet each',
    literal: (n: number) => `literal with indexing (first bits 01), name from static entry ${n}`,
    huffmanLength: (n: number) => `H=1 (Huffman-coded), ${n} octets long`,
    authorityValue: 'www.example.com, Huffman-coded; the field becomes dynamic entry 62',
    dynamic: ':authority: www.example.com: indexed, dynamic entry 62, one octet',
    noCacheValue: 'no-cache, Huffman-coded; cache-control becomes entry 62, the authority moves to 63',
  },
} satisfies Record<Locale, unknown>;

export function PrefaceLadder({ locale }: WidgetProps) {
  const text = TEXT[locale];
  return (
    <MessageLadder
      locale={locale}
      caption={text.preface}
      messages={text.prefaceMessages.map(([from, label]) => ({ from, label }) as LadderMessage)}
    />
  );
}

export function FrameHeaderMap({ locale }: WidgetProps) {
  const text = TEXT[locale];
  const header = (length: number, type: string, flags: string, stream: number) => [
    { span: [0, 3] as [number, number], name: text.length, meaning: text.lengthIs(length) },
    { span: [3, 4] as [number, number], name: text.type, meaning: type },
    { span: [4, 5] as [number, number], name: text.flags, meaning: flags },
    { span: [5, 9] as [number, number], name: text.stream, meaning: text.streamIs(stream) },
  ];
  return (
    <ByteMap
      id="frame-header"
      caption={text.frameHeader}
      rows={[
        {
          label: text.headersFrame,
          // A request's HEADERS: a 29-octet header block that ends the stream (END_STREAM and END_HEADERS).
          hex: formatHex(headersFrame(1, new Uint8Array(29), { endStream: true }).subarray(0, FRAME_HEADER_LENGTH)),
          fields: header(29, text.headersType, text.headersFlags, 1),
        },
        {
          label: text.settingsAck,
          hex: formatHex(settingsFrame([], true)),
          fields: header(0, text.settingsType, text.ackFlag, 0),
        },
      ]}
    />
  );
}

/** RFC 7541 C.4's first two requests, on one connection: the second finds :authority in the dynamic table. */
const C4_REQUESTS = [
  [
    { name: ':method', value: 'GET' },
    { name: ':scheme', value: 'http' },
    { name: ':path', value: '/' },
    { name: ':authority', value: 'www.example.com' },
  ],
  [
    { name: ':method', value: 'GET' },
    { name: ':scheme', value: 'http' },
    { name: ':path', value: '/' },
    { name: ':authority', value: 'www.example.com' },
    { name: 'cache-control', value: 'no-cache' },
  ],
];

export function HpackExampleMap({ locale }: WidgetProps) {
  const text = TEXT[locale];
  // Written by the site's own encoder (its tests hold it to the RFC's bytes), not typed in.
  const encoder = new HpackEncoder();
  const [first = '', second = ''] = C4_REQUESTS.map((headers) => formatHex(encoder.encode(headers).bytes));
  return (
    <ByteMap
      id="hpack-example"
      caption={text.hpack}
      rows={[
        {
          label: text.first,
          hex: first,
          fields: [
            { span: [0, 1], name: '', meaning: text.staticIndex(2, ':method: GET') },
            { span: [1, 2], name: '', meaning: text.staticIndex(6, ':scheme: http') },
            { span: [2, 3], name: '', meaning: text.staticIndex(4, ':path: /') },
            { span: [3, 4], name: '', meaning: text.literal(1) },
            { span: [4, 5], name: '', meaning: text.huffmanLength(12) },
            { span: [5, 17], name: '', meaning: text.authorityValue },
          ],
        },
        {
          label: text.second,
          hex: second,
          fields: [
            { span: [0, 3], name: '', meaning: text.threeStatic },
            { span: [3, 4], name: '', meaning: text.dynamic },
            { span: [4, 5], name: '', meaning: text.literal(24) },
            { span: [5, 6], name: '', meaning: text.huffmanLength(6) },
            { span: [6, 12], name: '', meaning: text.noCacheValue },
          ],
        },
      ]}
    />
  );
}
