import { randomBytes } from 'node:crypto';
import { hmac, sameBytes, sessionKeys, type EventKeys } from './keys';

/**
 * Mutual challenge-response before any data flows. Each side contributes a fresh 32-byte nonce and
 * proves it knows the event secret with an HMAC over both nonces and its role; the secret itself
 * never crosses the wire. The client proves first, so a stranger learns nothing from the server
 * but a random nonce. Both nonces salt the session keys, so nothing from an old session replays.
 * A server that finds the client's proof wrong says so as it hangs up (a WebSocket close code): the
 * client learns it dialled another event's desk, which the hang-up right after its proof told a
 * stranger anyway. No other hang-up says why: a slow or pushed-out client is not told "other event".
 *
 *   client → server  LKS1 0x01 nonceC
 *   server → client  LKS1 0x02 nonceS
 *   client → server  LKS1 0x03 HMAC(auth, "client" ‖ nonceC ‖ nonceS)
 *   server → client  LKS1 0x04 HMAC(auth, "server" ‖ nonceC ‖ nonceS)
 */
const MAGIC = Buffer.from('LKS1');
const HELLO = 1;
const CHALLENGE = 2;
const CLIENT_PROOF = 3;
const SERVER_PROOF = 4;
export const HANDSHAKE_MESSAGE_BYTES = MAGIC.length + 1 + 32;

export class HandshakeError extends Error {}

/** The other side answered with a proof made from another secret: a desk of another event. */
export class WrongSecretError extends HandshakeError {
  constructor() {
    super('peer does not know the event secret');
  }
}

export interface DirectionKeys {
  send: Buffer;
  receive: Buffer;
}

export interface HandshakeStep {
  reply?: Buffer;
  keys?: DirectionKeys;
}

function message(kind: number, payload: Uint8Array): Buffer {
  return Buffer.concat([MAGIC, Buffer.of(kind), payload]);
}

/** The payload of a handshake message of the expected kind; anything else ends the handshake. */
function payloadOf(data: Uint8Array, kind: number): Buffer {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.length !== HANDSHAKE_MESSAGE_BYTES || !bytes.subarray(0, 4).equals(MAGIC) || bytes[4] !== kind) {
    throw new HandshakeError('unexpected handshake message');
  }
  return Buffer.from(bytes.subarray(5));
}

function proof(keys: EventKeys, role: 'client' | 'server', nonceC: Uint8Array, nonceS: Uint8Array): Buffer {
  return hmac(keys.auth, `loket-sync-v1 ${role}`, nonceC, nonceS);
}

export class ClientHandshake {
  private readonly nonce = randomBytes(32);
  private serverNonce: Buffer | null = null;

  constructor(private readonly keys: EventKeys) {}

  start(): Buffer {
    return message(HELLO, this.nonce);
  }

  receive(data: Uint8Array): HandshakeStep {
    if (!this.serverNonce) {
      this.serverNonce = payloadOf(data, CHALLENGE);
      return { reply: message(CLIENT_PROOF, proof(this.keys, 'client', this.nonce, this.serverNonce)) };
    }
    const theirs = payloadOf(data, SERVER_PROOF);
    if (!sameBytes(theirs, proof(this.keys, 'server', this.nonce, this.serverNonce))) throw new WrongSecretError();
    const k = sessionKeys(this.keys, this.nonce, this.serverNonce);
    return { keys: { send: k.c2s, receive: k.s2c } };
  }
}

export class ServerHandshake {
  private readonly nonce = randomBytes(32);
  private clientNonce: Buffer | null = null;

  constructor(private readonly keys: EventKeys) {}

  receive(data: Uint8Array): HandshakeStep {
    if (!this.clientNonce) {
      this.clientNonce = payloadOf(data, HELLO);
      return { reply: message(CHALLENGE, this.nonce) };
    }
    const theirs = payloadOf(data, CLIENT_PROOF);
    if (!sameBytes(theirs, proof(this.keys, 'client', this.clientNonce, this.nonce))) throw new WrongSecretError();
    const k = sessionKeys(this.keys, this.clientNonce, this.nonce);
    return { reply: message(SERVER_PROOF, proof(this.keys, 'server', this.clientNonce, this.nonce)), keys: { send: k.s2c, receive: k.c2s } };
  }
}
