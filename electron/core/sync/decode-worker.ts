import { parentPort } from 'node:worker_threads';
import { pack } from './decode-columns';
import type { DecodeReply, DecodeRequest } from './frame-decoder';
import { decodeSelfContained } from './frame-compression';
import { ProtocolError } from './messages';

/** The decode worker's entry (built as its own file beside the core; see frame-decoder.ts). */
parentPort!.on('message', ({ id, payload }: DecodeRequest) => {
  let reply: DecodeReply;
  try {
    reply = { id, message: pack(decodeSelfContained(Buffer.from(payload))) };
  } catch (error) {
    reply = { id, error: error instanceof ProtocolError ? error.message : `decode failed: ${(error as Error).message}` };
  }
  parentPort!.postMessage(reply);
});
