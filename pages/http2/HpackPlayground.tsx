import { ByteMap } from '../../shared/components/ByteMap';
import { useId, useRef, useState } from 'react';
import {
  HpackEncoder,
  STATIC_TABLE_LENGTH,
  type AnnotatedField,
  type EncodedBlock,
  type HeaderInput,
  type Representation,
  type TableEntry,
} from '../../shared/hpack';
import type { Locale } from '../../shared/locale';
import { useMounted } from '../../shared/use-mounted';
import { http1Size, nghttp2NeverIndexes, parseHeaderLines, type LineProblem } from './header-lines';
import { formatHex } from '../../shared/format';

/** HTTP/2's initial SETTINGS_HEADER_TABLE_SIZE (RFC 9113 §6.5.2), which the playground keeps. */
const TABLE_SIZE = 4096;

const STRINGS = {
  zh: {
    heading: 'HPACK 试验台',
    needsJs: '这个试验需要 JavaScript：编码在你的浏览器里进行。',
    input: '请求头（每行一个 name: value）',
    huffman: '字符串用哈夫曼编码（更短时）',
    encode: '作为下一个请求编码',
    reset: '清空动态表',
    resetDone: '动态表已清空，就像新开了一条连接。',
    summary: (request: number, encoded: number, text: number) =>
      `第 ${request} 个请求：HPACK 编码 ${encoded} 字节，同样的请求写成 HTTP/1.1 文本（请求行、每个字段一行、结尾空行）是 ${text} 字节（${percent(encoded, text)}）。`,
    nothing: '没有要编码的头部。',
    notEncoded: '没有编码：请先修改上面列出的问题。',
    problem: (p: LineProblem) =>
      `第 ${p.line} 行：` +
      {
        'no-colon': () => '找不到分隔名字和值的冒号（格式是 name: value）。',
        'empty-name': () => '名字是空的。',
        'upper-case': (name: string) => `名字“${name}”含大写字母，HTTP/2 的头部名必须小写。`,
        'not-a-token': (name: string) => `名字“${name}”含有不能出现在字段名里的字符（空格、非 ASCII 字符或分隔符）。`,
        'unknown-pseudo': (name: string) => `“${name}”不是 HTTP/2 定义的伪头部字段。`,
        'pseudo-after-field': (name: string) => `伪头部字段“${name}”必须排在所有普通字段之前。`,
        'connection-specific': (name: string) => `“${name}”是连接专用字段，HTTP/2 禁止使用。`,
      }[p.kind]('name' in p ? p.name : ''),
    failed: '编码失败',
    bytesHeading: (request: number) => `第 ${request} 个请求的字节，逐个字段`,
    representation: {
      indexed: '索引表示',
      'literal-incremental': '字面量，加入动态表',
      'literal-without-indexing': '字面量，不加入动态表',
      'literal-never-indexed': '字面量，永不索引',
      'size-update': '动态表大小更新',
    } satisfies Record<Representation, string>,
    index: (i: number) => `索引 ${i}（${i <= STATIC_TABLE_LENGTH ? '静态表' : '动态表'}）`,
    nameIndex: (i: number) => `名字用索引 ${i}（${i <= STATIC_TABLE_LENGTH ? '静态表' : '动态表'}）`,
    literalName: '名字是字面量',
    nameHuffman: '名字用哈夫曼编码',
    valueHuffman: '值用哈夫曼编码',
    neverIndexedWhy: '按 nghttp2 的做法：authorization 和短于 20 字节的 Cookie 不进表，沿途的代理也不去索引',
    bytes: (n: number) => `${n} 字节`,
    evicted: (n: number) => `逐出 ${n} 个旧条目`,
    sizeUpdate: (n: number) => `新上限 ${n}`,
    caption: (size: number) => `动态表：${size} / ${TABLE_SIZE} 字节（最新的在最前）`,
    columns: ['索引', '名字', '值', '大小'],
    empty: '动态表是空的。',
  },
  en: {
    heading: 'HPACK playground',
    needsJs: 'This playground needs JavaScript: the encoding happens in your browser.',
    input: 'Request header lines (name: value, one per line)',
    huffman: 'Huffman-code strings (when shorter)',
    encode: 'Encode as the next request',
    reset: 'Reset the table',
    resetDone: 'The dynamic table is empty again, as on a new connection.',
    summary: (request: number, encoded: number, text: number) =>
      `Request ${request}: ${encoded} bytes encoded vs ${text} bytes as HTTP/1.1 text (request line, a line per field, the closing blank line), ${percent(encoded, text)}.`,
    nothing: 'There are no header lines to encode.',
    notEncoded: 'Nothing was encoded: fix the lines listed above first.',
    problem: (p: LineProblem) =>
      `Line ${p.line}: ` +
      {
        'no-colon': () => 'no colon between name and value (the form is name: value).',
        'empty-name': () => 'the name is empty.',
        'upper-case': (name: string) => `the name “${name}” has upper-case letters; HTTP/2 field names are lower-case.`,
        'not-a-token': (name: string) =>
          `the name “${name}” has characters a field name cannot hold (spaces, non-ASCII, separators).`,
        'unknown-pseudo': (name: string) => `“${name}” is not a pseudo-header field HTTP/2 defines.`,
        'pseudo-after-field': (name: string) => `the pseudo-header field “${name}” must come before every other field.`,
        'connection-specific': (name: string) => `“${name}” is a connection-specific field, which HTTP/2 forbids.`,
      }[p.kind]('name' in p ? p.name : ''),
    failed: 'Encoding failed',
    bytesHeading: (request: number) => `The bytes of request ${request}, field by field`,
    representation: {
      indexed: 'indexed',
      'literal-incremental': 'literal, added to the table',
      'literal-without-indexing': 'literal, not added',
      'literal-never-indexed': 'literal, never indexed',
      'size-update': 'table size update',
    } satisfies Record<Representation, string>,
    index: (i: number) => `index ${i} (${i <= STATIC_TABLE_LENGTH ? 'static' : 'dynamic'})`,
    nameIndex: (i: number) => `name by index ${i} (${i <= STATIC_TABLE_LENGTH ? 'static' : 'dynamic'})`,
    literalName: 'literal name',
    nameHuffman: 'name Huffman-coded',
    valueHuffman: 'value Huffman-coded',
    neverIndexedWhy:
      'as nghttp2 does for authorization and cookies under 20 bytes: kept out of the table, and no proxy may index it',
    bytes: (n: number) => (n === 1 ? '1 byte' : `${n} bytes`),
    evicted: (n: number) => `evicted ${n} old ${n === 1 ? 'entry' : 'entries'}`,
    sizeUpdate: (n: number) => `new maximum ${n}`,
    caption: (size: number) => `Dynamic table: ${size} / ${TABLE_SIZE} bytes (newest first)`,
    columns: ['Index', 'Name', 'Value', 'Size'],
    empty: 'The dynamic table is empty.',
  },
};

type Text = (typeof STRINGS)[Locale];

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);

/** A realistic first request from this very browser, for this very page; read only in the browser, where the widget renders. */
function defaultLines(): string {
  if (typeof window === 'undefined') return '';
  return [
    ':method: GET',
    ':scheme: https',
    `:authority: ${location.host}`,
    `:path: ${location.pathname}`,
    `user-agent: ${navigator.userAgent}`,
    `accept-language: ${navigator.language}`,
  ].join('\n');
}

interface Step {
  request: number;
  block: EncodedBlock;
  text: number;
}

/**
 * The reader's own header lists through one HPACK encoder, request after request: the bytes of each
 * field and what they mean, and the dynamic table growing (and evicting) between requests.
 */
export function HpackPlayground({ locale }: { locale: Locale }) {
  const text = STRINGS[locale];
  const mounted = useMounted();
  const id = useId();
  const encoder = useRef<HpackEncoder | null>(null);
  const [lines, setLines] = useState(defaultLines);
  const [huffman, setHuffman] = useState(true);
  const [problems, setProblems] = useState<string[]>([]);
  const [step, setStep] = useState<Step | null>(null);
  const [table, setTable] = useState<{ entries: TableEntry[]; size: number }>({ entries: [], size: 0 });
  const [status, setStatus] = useState('');
  if (!mounted) return <p className="widget__note">{text.needsJs}</p>;

  const encode = () => {
    const { headers, problems: found } = parseHeaderLines(lines);
    const messages = found.map(text.problem);
    if (found.length === 0 && headers.length === 0) messages.push(text.nothing);
    setProblems(messages);
    if (messages.length > 0) return setStatus(text.notEncoded);
    encoder.current ??= new HpackEncoder({ peerMaxTableSize: TABLE_SIZE });
    encoder.current.huffman = huffman ? 'shorter' : 'never';
    // Secrets go never indexed, as nghttp2 (in curl and Node.js) sends them; the lesson says so.
    const inputs: HeaderInput[] = headers.map((header) =>
      nghttp2NeverIndexes(header) ? { ...header, sensitive: true } : header,
    );
    try {
      const block = encoder.current.encode(inputs);
      const request = (step?.request ?? 0) + 1;
      const http1 = http1Size(headers);
      setStep({ request, block, text: http1 });
      setTable({ entries: encoder.current.table(), size: encoder.current.tableSize() });
      setStatus(text.summary(request, block.bytes.length, http1));
    } catch (error) {
      setProblems([`${text.failed}: ${(error as Error).message}`]);
      setStatus(text.notEncoded);
    }
  };

  const reset = () => {
    encoder.current = null;
    setProblems([]); // aria-invalid follows the problems, so it clears too
    setStep(null);
    setTable({ entries: [], size: 0 });
    setStatus(text.resetDone);
  };

  return (
    <div className="hpack-playground" data-testid="hpack-playground">
      <h3>{text.heading}</h3>
      <label className="hpack-playground__label" htmlFor={`${id}-lines`}>
        {text.input}
      </label>
      <textarea
        id={`${id}-lines`}
        className="hpack-playground__input"
        value={lines}
        onChange={(event) => setLines(event.target.value)}
        rows={7}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        aria-invalid={problems.length > 0}
        aria-describedby={problems.length > 0 ? `${id}-problems` : undefined}
      />
      {problems.length > 0 && (
        <ul id={`${id}-problems`} className="hpack-playground__problems">
          {problems.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      <div className="hpack-playground__controls">
        <label>
          <input type="checkbox" checked={huffman} onChange={(event) => setHuffman(event.target.checked)} />{' '}
          {text.huffman}
        </label>
        <button type="button" className="button" onClick={encode}>
          {text.encode}
        </button>
        <button type="button" className="button button--quiet" onClick={reset}>
          {text.reset}
        </button>
      </div>
      <p role="status" className="hpack-playground__status">
        {status}
      </p>
      {step && <Fields step={step} text={text} />}
      <DynamicTable entries={table.entries} size={table.size} text={text} />
    </div>
  );
}

/** The block's bytes as a byte map: hovering or focusing a byte picks out the field it encodes. */
function Fields({ step, text }: { step: Step; text: Text }) {
  return (
    <div className="hpack-playground__fields" data-testid="hpack-fields">
      <ByteMap
        id={`hpack-request-${step.request}`}
        caption={text.bytesHeading(step.request)}
        rows={[
          {
            label: '',
            hex: formatHex(step.block.bytes),
            fields: step.block.fields.map((field) => ({
              span: [field.start, field.end],
              name: field.representation === 'size-update' ? '' : `${field.name}: ${field.value}`,
              meaning: notesOf(field, text).join(' · '),
            })),
          },
        ]}
      />
    </div>
  );
}

function notesOf(field: AnnotatedField, text: Text): string[] {
  const notes = [text.representation[field.representation]];
  if (field.maxSize !== undefined) notes.push(text.sizeUpdate(field.maxSize));
  if (field.index !== undefined) notes.push(text.index(field.index));
  if (field.nameIndex !== undefined) notes.push(text.nameIndex(field.nameIndex));
  else if (field.representation.startsWith('literal')) notes.push(text.literalName);
  if (field.nameHuffman) notes.push(text.nameHuffman);
  if (field.valueHuffman) notes.push(text.valueHuffman);
  if (field.representation === 'literal-never-indexed') notes.push(text.neverIndexedWhy);
  notes.push(text.bytes(field.end - field.start));
  if (field.evicted) notes.push(text.evicted(field.evicted));
  return notes;
}

function DynamicTable({ entries, size, text }: { entries: TableEntry[]; size: number; text: Text }) {
  return (
    <table className="hpack-playground__table">
      <caption>{text.caption(size)}</caption>
      <thead>
        <tr>
          {text.columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {entries.length === 0 ? (
          <tr>
            <td colSpan={4}>{text.empty}</td>
          </tr>
        ) : (
          entries.map((entry) => (
            <tr key={entry.index}>
              <td>{entry.index}</td>
              <td>{entry.name}</td>
              <td>{entry.value}</td>
              <td>{entry.size}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
