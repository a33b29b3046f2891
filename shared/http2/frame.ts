/**
 * HTTP/2 frames (RFC 9113 §4.1, §6): the 9-octet header and the payloads of the frame types, in
 * and out. Pure code: the fault suite writes hostile frame sequences with it, and a raw client reads
 * what the server answers.
 */

/** Frame types, RFC 9113 §6 (registry in §11.2). */
export const FrameType = {
  DATA: 0x0,
  HEADERS: 0x1,
  PRIORITY: 0x2,
  RST_STREAM: 0x3,
  SETTINGS: 0x4,
  PUSH_PROMISE: 0x5,
  PING: 0x6,
  GOAWAY: 0x7,
  WINDOW_UPDATE: 0x8,
  CONTINUATION: 0x9,
} as const;

export const Flag = {
  END_STREAM: 0x1,
  ACK: 0x1,
  END_HEADERS: 0x4,
  PADDED: 0x8,
  PRIORITY: 0x20,
} as const;

/** Error codes, RFC 9113 §7. */
export const ErrorCode = {
  NO_ERROR: 0x0,
  PROTOCOL_ERROR: 0x1,
  INTERNAL_ERROR: 0x2,
  FLOW_CONTROL_ERROR: 0x3,
  SETTINGS_TIMEOUT: 0x4,
  STREAM_CLOSED: 0x5,
  FRAME_SIZE_ERROR: 0x6,
  REFUSED_STREAM: 0x7,
  CANCEL: 0x8,
  COMPRESSION_ERROR: 0x9,
  CONNECT_ERROR: 0xa,
  ENHANCE_YOUR_CALM: 0xb,
  INADEQUATE_SECURITY: 0xc,
  HTTP_1_1_REQUIRED: 0xd,
} as const;

/** The client connection preface, RFC 9113 §3.4: "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n". */
export const CLIENT_PREFACE = Uint8Array.from([
  0x50, 0x52, 0x49, 0x20, 0x2a, 0x20, 0x48, 0x54, 0x54, 0x50, 0x2f, 0x32, 0x2e, 0x30, 0x0d, 0x0a, 0x0d, 0x0a, 0x53,
  0x4d, 0x0d, 0x0a, 0x0d, 0x0a,
]);

export const FRAME_HEADER_LENGTH = 9;
/** The largest payload a frame header can state (24 bits); SETTINGS_MAX_FRAME_SIZE bounds it further. */
export const MAX_PAYLOAD_LENGTH = 0xffffff;
const MAX_STREAM_ID = 0x7fffffff;

export interface Frame {
  type: number;
  flags: number;
  streamId: number;
  payload: Uint8Array;
}

export class Http2FrameError extends Error {
  readonly code = 'WB_ERR_H2_FRAME';
}

/** One frame on the wire: length (24), type (8), flags (8), R + stream id (31), payload. */
export function encodeFrame({ type, flags, streamId, payload }: Frame): Uint8Array {
  if (payload.length > MAX_PAYLOAD_LENGTH)
    throw new Http2FrameError(`a payload of ${payload.length} octets does not fit a 24-bit length`);
  if (!Number.isInteger(streamId) || streamId < 0 || streamId > MAX_STREAM_ID)
    throw new Http2FrameError(`stream id ${streamId} is not a 31-bit integer`);
  const out = new Uint8Array(FRAME_HEADER_LENGTH + payload.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, payload.length >>> 16);
  view.setUint16(1, payload.length & 0xffff);
  view.setUint8(3, type);
  view.setUint8(4, flags);
  view.setUint32(5, streamId);
  out.set(payload, FRAME_HEADER_LENGTH);
  return out;
}

/**
 * Splits `bytes` into whole frames; what is left of a frame not yet complete comes back as `rest`,
 * to be prefixed to the next read. Work is linear in the input.
 */
export function decodeFrames(bytes: Uint8Array): { frames: Frame[]; rest: Uint8Array } {
  const frames: Frame[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (bytes.length - at >= FRAME_HEADER_LENGTH) {
    const length = (view.getUint8(at) << 16) | view.getUint16(at + 1);
    if (bytes.length - at - FRAME_HEADER_LENGTH < length) break;
    frames.push({
      type: view.getUint8(at + 3),
      flags: view.getUint8(at + 4),
      // The reserved bit is ignored on receipt (§4.1).
      streamId: view.getUint32(at + 5) & MAX_STREAM_ID,
      payload: bytes.subarray(at + FRAME_HEADER_LENGTH, at + FRAME_HEADER_LENGTH + length),
    });
    at += FRAME_HEADER_LENGTH + length;
  }
  return { frames, rest: bytes.subarray(at) };
}

function u32(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((value, i) => view.setUint32(i * 4, value));
  return out;
}

/** SETTINGS (§6.5): identifier (16) and value (32) pairs; `ack` sends the empty acknowledgement. */
export function settingsFrame(settings: [id: number, value: number][] = [], ack = false): Uint8Array {
  const payload = new Uint8Array(settings.length * 6);
  const view = new DataView(payload.buffer);
  settings.forEach(([id, value], i) => {
    view.setUint16(i * 6, id);
    view.setUint32(i * 6 + 2, value);
  });
  return encodeFrame({ type: FrameType.SETTINGS, flags: ack ? Flag.ACK : 0, streamId: 0, payload });
}

/**
 * HEADERS (§6.2) carrying a whole header block (END_HEADERS). `padding` octets of zero are added
 * with the PADDED flag: a test can size a frame to end exactly at a TLS record boundary.
 */
export function headersFrame(streamId: number, block: Uint8Array, { endStream = false, padding = 0 } = {}): Uint8Array {
  const flags = Flag.END_HEADERS | (endStream ? Flag.END_STREAM : 0) | (padding > 0 ? Flag.PADDED : 0);
  if (padding > 255) throw new Http2FrameError(`padding of ${padding} octets does not fit its 8-bit length`);
  const payload = padding > 0 ? new Uint8Array(1 + block.length + padding) : block;
  if (padding > 0) {
    payload[0] = padding;
    payload.set(block, 1);
  }
  return encodeFrame({ type: FrameType.HEADERS, flags, streamId, payload });
}

export function dataFrame(streamId: number, data: Uint8Array, endStream = false): Uint8Array {
  return encodeFrame({ type: FrameType.DATA, flags: endStream ? Flag.END_STREAM : 0, streamId, payload: data });
}

/** PING (§6.7): 8 octets of opaque data. */
export function pingFrame(opaque: Uint8Array = new Uint8Array(8), ack = false): Uint8Array {
  if (opaque.length !== 8) throw new Http2FrameError(`a PING carries exactly 8 octets, not ${opaque.length}`);
  return encodeFrame({ type: FrameType.PING, flags: ack ? Flag.ACK : 0, streamId: 0, payload: opaque });
}

export function rstStreamFrame(streamId: number, errorCode: number = ErrorCode.CANCEL): Uint8Array {
  return encodeFrame({ type: FrameType.RST_STREAM, flags: 0, streamId, payload: u32(errorCode) });
}

export function goawayFrame(lastStreamId: number, errorCode: number = ErrorCode.NO_ERROR): Uint8Array {
  return encodeFrame({
    type: FrameType.GOAWAY,
    flags: 0,
    streamId: 0,
    payload: u32(lastStreamId & MAX_STREAM_ID, errorCode),
  });
}

export function windowUpdateFrame(streamId: number, increment: number): Uint8Array {
  return encodeFrame({ type: FrameType.WINDOW_UPDATE, flags: 0, streamId, payload: u32(increment & MAX_STREAM_ID) });
}
