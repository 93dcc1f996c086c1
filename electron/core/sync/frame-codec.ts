import { createCipheriv, createDecipheriv } from 'node:crypto';

/**
 * AES-256-GCM frames after the handshake. One key per session and direction; the IV is the frame
 * counter, so it never repeats under a key. The header (version, counter, payload length) is the
 * additional authenticated data: a frame moved, replayed, cut or altered fails authentication.
 *
 *   frame = version(1) ‖ counter(8, big-endian) ‖ length(4) ‖ ciphertext(length) ‖ tag(16)
 *
 * Sizes and the counter are checked before any decryption or parsing.
 */
/**
 * 2: an events batch may span several frames (`more`), which a version-1 desk would store as separate batches.
 * 3: what is sealed is compressed first (frame-compression.ts), and each event carries the start of its hash.
 */
export const FRAME_VERSION = 3;
const HEADER_BYTES = 13;
const TAG_BYTES = 16;
/** Largest frame a desk accepts; event batches are cut well below it. */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
export const MAX_PLAINTEXT_BYTES = MAX_FRAME_BYTES - HEADER_BYTES - TAG_BYTES;

export class FrameError extends Error {}

/** A frame sealed by another version of Loket: the link cannot work until both desks run the same one. */
export class FrameVersionError extends FrameError {
  constructor(readonly version: number) {
    super(`frame version ${version}, this desk speaks ${FRAME_VERSION}`);
  }
}

function iv(counter: bigint): Buffer {
  const out = Buffer.alloc(12);
  out.writeBigUInt64BE(counter, 4);
  return out;
}

export class FrameSealer {
  private counter = 0n;

  constructor(private readonly key: Buffer) {}

  seal(plaintext: Buffer): Buffer {
    if (plaintext.length > MAX_PLAINTEXT_BYTES) throw new FrameError('frame too large to send');
    const header = Buffer.alloc(HEADER_BYTES);
    header[0] = FRAME_VERSION;
    header.writeBigUInt64BE(this.counter, 1);
    header.writeUInt32BE(plaintext.length, 9);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv(this.counter));
    cipher.setAAD(header);
    const body = Buffer.concat([header, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    this.counter++;
    return body;
  }
}

export class FrameOpener {
  private expected = 0n;

  constructor(private readonly key: Buffer) {}

  open(data: Uint8Array): Buffer {
    if (data.byteLength > MAX_FRAME_BYTES) throw new FrameError('frame too large');
    if (data.byteLength < HEADER_BYTES + TAG_BYTES) throw new FrameError('frame too short');
    const frame = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    if (frame[0] !== FRAME_VERSION) throw new FrameVersionError(frame[0]!);
    const counter = frame.readBigUInt64BE(1);
    // Strictly the next counter: a replayed, reordered or skipped frame ends the session.
    if (counter !== this.expected) throw new FrameError('frame out of sequence');
    const length = frame.readUInt32BE(9);
    if (length !== frame.length - HEADER_BYTES - TAG_BYTES) throw new FrameError('frame length mismatch');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv(counter));
    decipher.setAAD(frame.subarray(0, HEADER_BYTES));
    decipher.setAuthTag(frame.subarray(frame.length - TAG_BYTES));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([decipher.update(frame.subarray(HEADER_BYTES, frame.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new FrameError('frame failed authentication');
    }
    this.expected++;
    return plaintext;
  }
}
