import type { Desk } from '../desk';
import type { DeskSync } from './desk-sync';

/**
 * The replication running for each desk of this process. Apart from desk-sync.ts so that what only
 * reads it (status, dashboard, the export's completeness check) does not load the replication.
 */
const running = new WeakMap<Desk, DeskSync>();

/** The replication running for this desk in this process, if any (a CLI command has none). */
export function deskSync(desk: Desk): DeskSync | null {
  return running.get(desk) ?? null;
}

export function setRunning(desk: Desk, sync: DeskSync | null): void {
  if (sync) running.set(desk, sync);
  else running.delete(desk);
}
