/**
 * WebSocket frames (RFC 6455 §5) and the opening handshake's key check (§4.2.2): pure code the
 * server and the browser share, so the inspector decodes captured bytes exactly as a peer would.
 */
export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;
export const OPCODE_NAME: Record<number, string> = {
  0: 'continuation',
  1: 'text',
  2: 'binary',
  8: 'close',
  9: 'ping',
  10: 'pong',
};

/** Which of the three payload-length encodings a frame used: 7 bits, 7+16 or 7+64. */
export type LengthForm = 7 | 16 | 64;

export interface Frame {
  fin: boolean;
  rsv1: boolean;
  rsv2: boolean;
  rsv3: boolean;
  opcode: number;
  masked: boolean;
  maskingKey: Uint8Array | null;
  lengthForm: LengthForm;
  payloadLength: number;
  /** Unmasked. */
  payload: Uint8Array;
}

export type FrameErrorCode =
  | 'WB_ERR_WS_OPCODE'
  | 'WB_ERR_WS_RSV'
  | 'WB_ERR_WS_FRAGMENTED_CONTROL'
  | 'WB_ERR_WS_CONTROL_TOO_LONG'
  | 'WB_ERR_WS_LENGTH'
  | 'WB_ERR_WS_NOT_MINIMAL'
  | 'WB_ERR_WS_CLOSE_BODY'
  | 'WB_ERR_WS_TOO_BIG';

export class FrameError extends Error {
  constructor(
    readonly code: FrameErrorCode,
    /** The close code a peer answers this frame with (RFC 6455 §7.4.1). */
    readonly closeCode: 1002 | 1009,
    message: string,
  ) {
    super(message);
    this.name = 'FrameError';
  }
}

export interface DecodeOptions {
  /** Payloads over this many bytes are an error (1009). */
  maxPayload?: number;
  /** RSV1 is allowed when an extension such as permessage-deflate was negotiated. */
  allowRsv1?: boolean;
}

export type Decoded = { complete: true; frame: Frame; size: number } | { complete: false; needed: number };

/** What a frame's header says: everything but the payload, and how many bytes the header took. */
export type FrameHeader = Omit<Frame, 'payload'> & { headerSize: number };

export type DecodedHeader = { complete: true; header: FrameHeader } | { complete: false; needed: number };

const isControl = (opcode: number) => opcode >= 0x8;

/**
 * Decodes the header of the frame at the start of `bytes`, checking all a peer checks before the
 * payload arrives; an incomplete header says how many bytes it needs. Lets a reader follow a byte
 * stream frame by frame without holding any payload.
 */
export function decodeFrameHeader(
  bytes: Uint8Array,
  { maxPayload = Number.MAX_SAFE_INTEGER, allowRsv1 = false }: DecodeOptions = {},
): DecodedHeader {
  if (bytes.length < 2) return { complete: false, needed: 2 };
  const [first, second] = [bytes[0]!, bytes[1]!];
  const fin = (first & 0x80) !== 0;
  const [rsv1, rsv2, rsv3] = [(first & 0x40) !== 0, (first & 0x20) !== 0, (first & 0x10) !== 0];
  const opcode = first & 0x0f;
  if (!(opcode in OPCODE_NAME))
    throw new FrameError('WB_ERR_WS_OPCODE', 1002, `opcode 0x${opcode.toString(16)} is reserved`);
  // RSV1 marks a compressed message (RFC 7692 §6), which a control frame never is.
  if ((rsv1 && (!allowRsv1 || isControl(opcode))) || rsv2 || rsv3)
    throw new FrameError('WB_ERR_WS_RSV', 1002, 'a reserved bit is set without an extension that defines it');
  if (isControl(opcode) && !fin)
    throw new FrameError('WB_ERR_WS_FRAGMENTED_CONTROL', 1002, `a ${OPCODE_NAME[opcode]} frame must not be fragmented`);
  const masked = (second & 0x80) !== 0;
  const length7 = second & 0x7f;
  let lengthForm: LengthForm = 7;
  let payloadLength = length7;
  let offset = 2;
  if (length7 === 126) {
    if (bytes.length < 4) return { complete: false, needed: 4 };
    lengthForm = 16;
    payloadLength = (bytes[2]! << 8) | bytes[3]!;
    offset = 4;
    if (payloadLength < 126)
      throw new FrameError('WB_ERR_WS_NOT_MINIMAL', 1002, `length ${payloadLength} must use the 7-bit form`);
  } else if (length7 === 127) {
    if (bytes.length < 10) return { complete: false, needed: 10 };
    lengthForm = 64;
    if (bytes[2]! & 0x80)
      throw new FrameError('WB_ERR_WS_LENGTH', 1002, 'the most significant bit of a 64-bit length must be 0');
    const length = new DataView(bytes.buffer, bytes.byteOffset + 2, 8).getBigUint64(0);
    if (length > BigInt(Number.MAX_SAFE_INTEGER))
      throw new FrameError('WB_ERR_WS_TOO_BIG', 1009, `a ${length}-byte payload is too big`);
    payloadLength = Number(length);
    offset = 10;
    if (payloadLength <= 0xffff)
      throw new FrameError('WB_ERR_WS_NOT_MINIMAL', 1002, `length ${payloadLength} must use the 16-bit form`);
  }
  if (isControl(opcode) && payloadLength > 125)
    throw new FrameError(
      'WB_ERR_WS_CONTROL_TOO_LONG',
      1002,
      `a control frame carries at most 125 bytes, not ${payloadLength}`,
    );
  if (payloadLength > maxPayload)
    throw new FrameError(
      'WB_ERR_WS_TOO_BIG',
      1009,
      `a ${payloadLength}-byte payload is over the ${maxPayload}-byte limit`,
    );
  let maskingKey: Uint8Array | null = null;
  if (masked) {
    if (bytes.length < offset + 4) return { complete: false, needed: offset + 4 };
    maskingKey = new Uint8Array(bytes.subarray(offset, offset + 4)); // a copy: Buffer#slice would share memory
    offset += 4;
  }
  return {
    complete: true,
    header: { fin, rsv1, rsv2, rsv3, opcode, masked, maskingKey, lengthForm, payloadLength, headerSize: offset },
  };
}

/**
 * Decodes the frame at the start of `bytes`. An incomplete frame is not an error: it says how many
 * bytes it needs. A frame no peer may send is a FrameError carrying the close code to answer with.
 */
export function decodeFrame(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  const decoded = decodeFrameHeader(bytes, options);
  if (!decoded.complete) return decoded;
  const { headerSize, ...header } = decoded.header;
  const size = headerSize + header.payloadLength;
  if (bytes.length < size) return { complete: false, needed: size };
  // A copy, unmasked; the caller's bytes stay as they were on the wire.
  const payload = new Uint8Array(bytes.subarray(headerSize, size));
  if (header.maskingKey) applyMask(payload, header.maskingKey);
  if (header.opcode === OPCODE.close) checkCloseBody(payload);
  return { complete: true, frame: { ...header, payload }, size };
}

/** XORs `data` in place with the 4-byte key, as masking and unmasking both do (§5.3). */
export function applyMask(data: Uint8Array, key: Uint8Array): Uint8Array {
  for (let i = 0; i < data.length; i++) data[i]! ^= key[i & 3]!;
  return data;
}

export interface FrameInput {
  opcode: number;
  payload: Uint8Array;
  fin?: boolean;
  rsv1?: boolean;
  /** A client's frames carry a key; a server's never do. */
  maskingKey?: Uint8Array;
}

/** Encodes one frame with the shortest length form that fits (§5.2). */
export function encodeFrame({ opcode, payload, fin = true, rsv1 = false, maskingKey }: FrameInput): Uint8Array {
  if (isControl(opcode) && (payload.length > 125 || !fin))
    throw new FrameError(
      'WB_ERR_WS_CONTROL_TOO_LONG',
      1002,
      'a control frame is unfragmented and carries at most 125 bytes',
    );
  const lengthBytes = payload.length < 126 ? 0 : payload.length <= 0xffff ? 2 : 8;
  const headerSize = 2 + lengthBytes + (maskingKey ? 4 : 0);
  const out = new Uint8Array(headerSize + payload.length);
  out[0] = (fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode;
  const view = new DataView(out.buffer);
  if (lengthBytes === 0) out[1] = payload.length;
  else if (lengthBytes === 2) {
    out[1] = 126;
    view.setUint16(2, payload.length);
  } else {
    out[1] = 127;
    view.setBigUint64(2, BigInt(payload.length));
  }
  out.set(payload, headerSize);
  if (maskingKey) {
    out[1] |= 0x80;
    out.set(maskingKey, 2 + lengthBytes);
    applyMask(out.subarray(headerSize), maskingKey);
  }
  return out;
}

/** Close codes a peer may send (§7.4.1, §7.4.2 and the IANA registry): not 1004–1006, 1015 or unassigned 1xxx. */
export function isSendableCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

/** The big-endian status code that opens a close body of at least 2 bytes. */
const closeCodeOf = (payload: Uint8Array) => new DataView(payload.buffer, payload.byteOffset, 2).getUint16(0);

function checkCloseBody(payload: Uint8Array): void {
  if (payload.length === 1)
    throw new FrameError('WB_ERR_WS_CLOSE_BODY', 1002, 'a close body is empty or starts with a 2-byte code');
  if (payload.length >= 2 && !isSendableCloseCode(closeCodeOf(payload))) {
    throw new FrameError('WB_ERR_WS_CLOSE_BODY', 1002, `close code ${closeCodeOf(payload)} may not be sent`);
  }
}

/** A close frame's body: a 2-byte status code, then a UTF-8 reason (§5.5.1); no code in a body too short for one. */
export function parseCloseBody(payload: Uint8Array): { code: number | null; reason: string } {
  if (payload.length < 2) return { code: null, reason: '' };
  return { code: closeCodeOf(payload), reason: new TextDecoder().decode(payload.subarray(2)) };
}

/** The GUID every server appends to the client's key (§1.3). */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Sec-WebSocket-Accept for a Sec-WebSocket-Key: base64(SHA-1(key + GUID)), with Web Crypto on either side. */
export async function computeAccept(key: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-1', new TextEncoder().encode(key + WEBSOCKET_GUID));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

/** A valid Sec-WebSocket-Key is the base64 of 16 bytes (§4.1). */
export function isValidKey(key: string): boolean {
  return /^[A-Za-z0-9+/]{22}==$/.test(key);
}
