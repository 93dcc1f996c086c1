import { performance } from 'node:perf_hooks';
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

/**
 * One full exchange with one peer, then close: done when the peer has sent all it had for us
 * (its caughtUp arrived) and has ingested all we sent (it acknowledged ours).
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
      reject(new Error(`sync with ${address} timed out`));
    }, timeoutMs);
    const finish = (error: Error | null) => {
      clearTimeout(timer);
      records.flushAdvertised(desk.now());
      const c = connection!;
      const peer = c.session.peer;
      if (error || !peer) return reject(error ?? new Error(`sync with ${address} failed`));
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
          onClose: (_conn, reason) => finish(reason === 'done' ? null : new Error(`sync with ${address} failed: ${reason}`)),
        });
        connection = c;
        socket.onMessage((data) => c.receive(data));
        socket.onClose(() => c.lost());
        c.start();
      },
      () => {
        clearTimeout(timer);
        reject(new Error(`cannot reach ${address}`));
      },
    );
  });
}
