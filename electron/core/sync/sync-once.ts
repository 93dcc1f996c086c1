import { performance } from 'node:perf_hooks';
import { LoketError } from '../../../shared/errors';
import type { SyncRefusalReason } from '../../../shared/api';
import type { Desk } from '../desk';
import { SyncRecords } from '../store/sync-records';
import { PeerConnection } from './connection';
import { deriveEventKeys } from './keys';
import type { SessionStats } from './session';
import { dialSocket } from './ws-transport';

export interface OnceResult extends SessionStats {
  peer: { id: string; name: string };
  clockOffsetMs: number;
  /** From dialling to done, the derivation after catch-up (`deriveMs`) included. */
  ms: number;
}

const REFUSED = { other_event: 'sync_other_event', older_version: 'sync_older_version', newer_version: 'sync_newer_version' } as const satisfies Record<SyncRefusalReason, string>;

/** Why a link closed before the exchange was done, as the operator reads it; the technical reason stays in `detail`. */
function failure(peer: string, reason: string, refusal: SyncRefusalReason | null): LoketError {
  if (refusal) return new LoketError(REFUSED[refusal], { peer });
  return new LoketError('sync_interrupted', { peer, detail: reason });
}

/**
 * One full exchange with one peer, then close: done when the peer has sent all it had for us
 * (its caughtUp arrived) and has ingested all we sent (it acknowledged ours). Fails with a
 * LoketError that says why (unreachable, another event or version, cut off, too slow).
 */
export function syncOnce(desk: Desk, address: string, timeoutMs = 60_000): Promise<OnceResult> {
  const records = new SyncRecords(desk.db);
  const keys = deriveEventKeys(desk.secret);
  const start = performance.now();
  return new Promise((resolve, reject) => {
    let connection: PeerConnection | null = null;
    const timer = setTimeout(() => {
      cancel();
      connection?.close('timed out');
      reject(new LoketError('sync_timed_out', { peer: address, seconds: Math.round(timeoutMs / 1000) }));
    }, timeoutMs);
    const finish = (c: PeerConnection, reason: string) => {
      clearTimeout(timer);
      records.flushAdvertised(desk.now());
      const peer = c.session.peer;
      if (reason !== 'done' || !peer) return reject(failure(address, reason, c.refusal));
      resolve({ ...c.session.stats, peer: { id: peer.desk, name: peer.name }, clockOffsetMs: c.session.clockOffsetMs, ms: Math.round(performance.now() - start) });
    };
    const cancel = dialSocket(
      address,
      (socket) => {
        const c = new PeerConnection({
          desk,
          keys,
          records,
          role: 'client',
          wire: socket.wire,
          dialed: address,
          onProgress: (conn) => {
            if (conn.session.peerCaughtUp && conn.session.acknowledged) {
              conn.close('done');
            }
          },
          onClose: finish,
        });
        connection = c;
        socket.onMessage((data) => c.receive(data));
        socket.onClose((proofRefused) => c.lost(proofRefused));
        c.start();
      },
      () => {
        clearTimeout(timer);
        reject(new LoketError('sync_unreachable', { peer: address }));
      },
    );
  });
}
