import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Desk } from '../desk';
import { backupPattern } from '../backup/backup-file';
import { backupSettings } from '../backup/backup-settings';
import { COPIES_KEY, parseCopies } from '../backup/personal-copies';

/** This desk's ID and every ID its database was restored from, newest first. */
function lineage(desk: Desk): string[] {
  const ids = [desk.id];
  for (let id = desk.id; ; ) {
    const restored = desk.store.subjectEvents(`desk:${id}`).find((e) => e.type === 'desk.restored' && e.desk === id);
    if (restored?.type !== 'desk.restored' || ids.includes(restored.body.fromDesk)) return ids;
    id = restored.body.fromDesk;
    ids.push(id);
  }
}

async function names(folder: string): Promise<string[]> {
  return readdir(folder).catch(() => []);
}

/** A restore's set-aside databases and its staging copy, with their -wal and -shm. */
const SET_ASIDE = /^loket\.db\.(before-restore-|restoring)/;

/**
 * Delete every other file this desk wrote that holds personal data: databases set aside by a
 * restore, backups taken under this desk's ID or any ID it was restored from (half-written ones
 * too), in every folder backups went to, and the bundles it wrote. Returns the paths removed.
 * A folder or stick that is not there is skipped: those copies are the organizer's to delete.
 */
export async function removePersonalCopies(desk: Desk): Promise<string[]> {
  const doomed: string[] = [];
  for (const name of await names(desk.dataDir)) if (SET_ASIDE.test(name)) doomed.push(join(desk.dataDir, name));

  const copies = parseCopies(desk.meta(COPIES_KEY));
  const folders = new Set(copies.backupFolders);
  const chosen = backupSettings(desk).folder;
  if (chosen) folders.add(chosen);
  const patterns = lineage(desk).map(backupPattern);
  for (const folder of folders) {
    for (const name of await names(folder)) {
      const finished = name.replace(/^\.(.*)\.partial$/, '$1');
      if (patterns.some((p) => p.test(finished))) doomed.push(join(folder, name));
    }
  }

  const removed: string[] = [];
  for (const file of [...doomed, ...copies.bundles]) {
    try {
      await rm(file);
      removed.push(file);
    } catch {
      // Gone already, or on a stick that is not plugged in.
    }
  }
  return removed;
}
