import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { MAX_PLAINTEXT_BYTES } from './frame-codec';
import { decodeReceived, ProtocolError, type Received } from './messages';

/**
 * What a link sends is compressed before it is sealed (frame version 3): the venue Wi-Fi is slow
 * and shared, and JSON events repeat their keys, types, desk IDs and much of their content.
 *
 *   sealed plaintext = kind(1) ‖ deflate-raw data
 *
 * SELF_CONTAINED: compressed on its own. Catch-up frames (tens of KiB, a hundred events) compress
 * well alone, and the receiver can inflate and decode them on its worker thread in any order.
 * WITH_HISTORY: compressed with the last HISTORY_BYTES of what this link already sent this way as
 * the preset dictionary, so a live check-in of some 250 bytes costs a few dozen: both ends
 * keep the same history because frames arrive exactly in order (the counter sees to that).
 * AS_IS: a message shorter than COMPRESSED_FROM (an acknowledgement) goes uncompressed: loading the
 * dictionary would cost more time than the few bytes it could save.
 *
 * Inflation is capped at MAX_PLAINTEXT_BYTES before anything is parsed: a peer that knows the
 * secret still cannot make this desk inflate a bomb; the link closes instead (why compressing
 * before encrypting is safe here: docs/security.md).
 */
const SELF_CONTAINED = 0;
const WITH_HISTORY = 1;
const AS_IS = 2;
const COMPRESSED_FROM = 64;
/** A plaintext this big is compressed on its own (and decoded on the worker at the other end). */
const SELF_CONTAINED_BYTES = 16 * 1024;
/**
 * The last few messages: what a check-in or a vector shares with those just before it (keys, type,
 * desk IDs, operator). 8 KiB made a walk-in registration 14% smaller and every message twice as
 * slow to compress and inflate (measured with 8 desks: check-ins 119 bytes either way).
 */
const HISTORY_BYTES = 2 * 1024;
/**
 * A live message gets a fresh zlib context each time (an 8-desk mesh sends some eighty per event,
 * vectors mostly): a window just the history's size, a small hash table and 1 KiB output chunks
 * keep that context small, at no cost in size for messages this small. With the defaults (16 KiB
 * chunks, a 256 KiB context) the garbage collector ran ten times as long and the mesh spent twice
 * the CPU per event.
 */
const HISTORY_ZLIB = { windowBits: 11, memLevel: 3, chunkSize: 1024 } as const;
/** Level 1 for catch-up frames (megabytes a second; level 6 would save a sixth for twice the time), 6 for live ones. */
const SELF_CONTAINED_LEVEL = 1;
const HISTORY_LEVEL = 6;

/** A plaintext compressed on its own, as a catch-up frame is. */
export function compressSelfContained(plaintext: Buffer): Buffer {
  return Buffer.concat([Buffer.of(SELF_CONTAINED), deflateRawSync(plaintext, { level: SELF_CONTAINED_LEVEL })]);
}

/** The last HISTORY_BYTES of everything passed through, oldest first. */
class History {
  bytes = Buffer.alloc(0);

  add(plaintext: Buffer): void {
    const joined = Buffer.concat([this.bytes, plaintext]);
    this.bytes = joined.length > HISTORY_BYTES ? Buffer.from(joined.subarray(joined.length - HISTORY_BYTES)) : joined;
  }
}

/** One direction of one link, at the sending end. */
export class FrameCompressor {
  private readonly history = new History();

  compress(plaintext: Buffer): Buffer {
    if (plaintext.length > MAX_PLAINTEXT_BYTES) throw new ProtocolError('message too large to send');
    if (plaintext.length >= SELF_CONTAINED_BYTES) return compressSelfContained(plaintext);
    if (plaintext.length < COMPRESSED_FROM) return Buffer.concat([Buffer.of(AS_IS), plaintext]);
    const out = Buffer.concat([Buffer.of(WITH_HISTORY), deflateRawSync(plaintext, { level: HISTORY_LEVEL, dictionary: this.history.bytes, ...HISTORY_ZLIB })]);
    this.history.add(plaintext);
    return out;
  }
}

function inflate(data: Buffer, history?: Buffer): Buffer {
  try {
    return inflateRawSync(data, { maxOutputLength: MAX_PLAINTEXT_BYTES, ...(history ? { dictionary: history, windowBits: HISTORY_ZLIB.windowBits, chunkSize: HISTORY_ZLIB.chunkSize } : {}) });
  } catch (error) {
    const tooBig = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new ProtocolError(tooBig ? `frame inflates past ${MAX_PLAINTEXT_BYTES} bytes` : 'frame does not inflate');
  }
}

/** The plaintext of a frame compressed on its own. */
export function inflateSelfContained(payload: Buffer): Buffer {
  if (payload[0] !== SELF_CONTAINED) throw new ProtocolError('frame is not self-contained');
  return inflate(payload.subarray(1));
}

/** Inflate and decode a frame compressed on its own: pure, so it runs on the decode worker. */
export function decodeSelfContained(payload: Buffer): Received {
  return decodeReceived(inflateSelfContained(payload));
}

/** One direction of one link, at the receiving end. */
export class FrameInflater {
  private readonly history = new History();

  /** A self-contained frame, which may be decoded elsewhere (see decodeSelfContained). */
  isSelfContained(payload: Buffer): boolean {
    return payload[0] === SELF_CONTAINED;
  }

  /** The plaintext of a frame sent as is, or compressed with this link's history (which then moves on past it). */
  inflate(payload: Buffer): Buffer {
    if (payload[0] === AS_IS) return payload.subarray(1);
    if (payload[0] !== WITH_HISTORY) throw new ProtocolError('unknown frame compression');
    const plaintext = inflate(payload.subarray(1), this.history.bytes);
    this.history.add(plaintext);
    return plaintext;
  }
}
