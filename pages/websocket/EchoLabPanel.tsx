import { useEffect, useRef, useState } from 'react';
import type { CapturedFrame } from '../../shared/feed/protocol';
import type { Locale } from '../../shared/locale';
import { useMounted } from '../../shared/use-mounted';
import { FrameList } from './FrameList';
import { ENDPOINTS } from '../../shared/endpoints';
import { formatHex } from '../../shared/format';

const OFFERABLE = ['chat', 'superchat', 'x-wirebook-unknown'];

const STRINGS = {
  zh: {
    heading: '回显实验室',
    needsJs: '这个实验需要 JavaScript：它在你的浏览器里打开一个 WebSocket。',
    offer: '要提供的子协议（按顺序）：',
    connect: '连接',
    disconnect: '关闭',
    selected: (p: string) =>
      p
        ? `服务器选了 ${p}：它是你提供的列表里第一个服务器支持的。`
        : '你没有提供子协议，服务器也就没有选，连接在没有子协议的情况下建立。',
    message: '消息',
    sendText: '发送文本',
    sendBinary: '发送二进制',
    ping: '让服务器 ping 你',
    frames: '看最近的帧',
    code: '关闭码',
    reason: '原因',
    log: '记录',
    opened: (url: string) => `已连接 ${url}`,
    sent: (kind: string, body: string) => `→ 发出（${kind}）：${body}`,
    echoed: (kind: string, body: string) => `← 收到回显（${kind}）：${body}`,
    closing: (code: string, reason: string) => `→ 发出关闭帧：关闭码 ${code}${reason ? `，原因“${reason}”` : ''}`,
    closed: (code: number, reason: string) => `连接关闭：关闭码 ${code}${reason ? `，原因“${reason}”` : ''}`,
    failed: '连接失败',
    text: '文本',
    binary: '二进制',
    closeRule: '浏览器只允许 1000 或 3000–4999。',
    noneSelected:
      '连接没有建立。如果你提供的子协议服务器一个都不支持，RFC 6455 本来允许连接照样建立，但浏览器遵循的 WHATWG 标准要求：提供了子协议而响应里没有，就让连接失败。来源不被允许或连接数超限时也会走到这里。',
  },
  en: {
    heading: 'Echo lab',
    needsJs: 'This lab needs JavaScript: it opens a WebSocket from your browser.',
    offer: 'Subprotocols to offer (in this order):',
    connect: 'Connect',
    disconnect: 'Close',
    selected: (p: string) =>
      p
        ? `The server selected ${p}: the first in your list that it supports.`
        : 'You offered no subprotocol, so the server selected none, and the connection opened without one.',
    message: 'Message',
    sendText: 'Send text',
    sendBinary: 'Send binary',
    ping: 'Ask the server to ping you',
    frames: 'Show the last frames',
    code: 'Close code',
    reason: 'Reason',
    log: 'Log',
    opened: (url: string) => `Connected to ${url}`,
    sent: (kind: string, body: string) => `→ Sent (${kind}): ${body}`,
    echoed: (kind: string, body: string) => `← Echo received (${kind}): ${body}`,
    closing: (code: string, reason: string) =>
      `→ Sent a Close frame: code ${code}${reason ? `, reason “${reason}”` : ''}`,
    closed: (code: number, reason: string) => `Closed: code ${code}${reason ? `, reason “${reason}”` : ''}`,
    failed: 'Connection failed',
    text: 'text',
    binary: 'binary',
    closeRule: 'Browsers allow only 1000 or 3000–4999.',
    noneSelected:
      'The connection did not open. If the server supports none of the subprotocols you offered, RFC 6455 would let it open anyway, but browsers follow the WHATWG standard: subprotocols offered and none in the response means the connection fails. A refused origin or too many sockets also end here.',
  },
};

/** A reader's own WebSocket to the echo lab: offer subprotocols, send, get pinged, close, see the frames. */
export function EchoLabPanel({ locale }: { locale: Locale }) {
  const text = STRINGS[locale];
  const mounted = useMounted();
  const [offer, setOffer] = useState<string[]>(['chat', 'superchat']);
  const [socket, setSocket] = useState<WebSocket | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [message, setMessage] = useState('hello');
  const [code, setCode] = useState('1000');
  const [reason, setReason] = useState('done');
  const [log, setLog] = useState<string[]>([]);
  const [frames, setFrames] = useState<CapturedFrame[] | null>(null);
  const socketRef = useRef<WebSocket | null>(null);
  const inspecting = useRef(false);
  useEffect(() => () => socketRef.current?.close(), []);
  const note = (line: string) => setLog((lines) => [...lines.slice(-30), line]);

  if (!mounted) return <p className="widget__note">{text.needsJs}</p>;
  const connect = () => {
    if (socket) return;
    setSelected(null);
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${ENDPOINTS.echo}`;
    const ws = new WebSocket(url, offer);
    ws.binaryType = 'arraybuffer';
    socketRef.current = ws;
    setSocket(ws);
    setFrames(null);
    ws.onopen = () => {
      setSelected(ws.protocol);
      note(text.opened(url));
    };
    ws.onmessage = (event) => {
      // The answer to our own /inspect (an echo of a look-alike text arrives only when not asked).
      if (inspecting.current && typeof event.data === 'string') {
        inspecting.current = false;
        try {
          const reply = JSON.parse(event.data) as { type?: string; frames?: CapturedFrame[] };
          if (reply.type === 'frames' && Array.isArray(reply.frames)) return setFrames(reply.frames);
        } catch {
          // not the answer: an ordinary echo
        }
      }
      const body = typeof event.data === 'string' ? event.data : formatHex(new Uint8Array(event.data as ArrayBuffer));
      note(text.echoed(typeof event.data === 'string' ? text.text : text.binary, body));
    };
    ws.onerror = () => note(text.failed);
    let opened = false;
    ws.addEventListener('open', () => (opened = true));
    ws.onclose = (event) => {
      if (!opened) note(text.noneSelected);
      note(text.closed(event.code, event.reason));
      setSocket(null);
      setSelected(null);
    };
  };
  const open = socket !== null && selected !== null;
  /** Sends on the socket and logs what went out, so each echo sits under what caused it. */
  const send = (data: string | Uint8Array) => {
    if (!socket) return;
    socket.send(data);
    note(typeof data === 'string' ? text.sent(text.text, data) : text.sent(text.binary, formatHex(data)));
  };
  return (
    <div className="echo-lab" data-testid="echo-lab">
      <h3>{text.heading}</h3>
      <fieldset>
        <legend>{text.offer}</legend>
        {OFFERABLE.map((protocol) => (
          <label key={protocol} className="echo-lab__choice">
            <input
              type="checkbox"
              disabled={socket !== null}
              checked={offer.includes(protocol)}
              onChange={(event) =>
                setOffer(event.target.checked ? [...offer, protocol] : offer.filter((p) => p !== protocol))
              }
            />{' '}
            <code>{protocol}</code>
          </label>
        ))}
        {/* aria-disabled keeps keyboard focus on the button while connected. */}
        <button type="button" className="button" onClick={connect} aria-disabled={socket !== null}>
          {text.connect}
        </button>
      </fieldset>
      {selected !== null && <p data-testid="echo-selected">{text.selected(selected)}</p>}
      <div className="echo-lab__row">
        <label>
          {text.message} <input value={message} onChange={(event) => setMessage(event.target.value)} maxLength={1000} />
        </label>
        <button type="button" className="button button--quiet" disabled={!open} onClick={() => send(message)}>
          {text.sendText}
        </button>
        <button
          type="button"
          className="button button--quiet"
          disabled={!open}
          onClick={() => send(new TextEncoder().encode(message))}
        >
          {text.sendBinary}
        </button>
        <button type="button" className="button button--quiet" disabled={!open} onClick={() => send('/ping')}>
          {text.ping}
        </button>
        <button
          type="button"
          className="button button--quiet"
          disabled={!open}
          onClick={() => {
            inspecting.current = true;
            send('/inspect');
          }}
        >
          {text.frames}
        </button>
      </div>
      <div className="echo-lab__row">
        <label>
          {text.code}{' '}
          <input value={code} onChange={(event) => setCode(event.target.value)} inputMode="numeric" size={5} />
        </label>
        <label>
          {text.reason} <input value={reason} onChange={(event) => setReason(event.target.value)} maxLength={60} />
        </label>
        <button
          type="button"
          className="button"
          disabled={!open}
          onClick={() => {
            try {
              socket?.close(Number(code), reason);
              note(text.closing(code, reason));
            } catch (error) {
              note(`${(error as Error).message} ${text.closeRule}`);
            }
          }}
        >
          {text.disconnect}
        </button>
      </div>
      <p className="widget__note">{text.log}</p>
      <ol className="echo-lab__log" data-testid="echo-log" aria-live="polite">
        {log.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ol>
      {frames && <FrameList id="echo-frames" frames={frames} locale={locale} />}
    </div>
  );
}
