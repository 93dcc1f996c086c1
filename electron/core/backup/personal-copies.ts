import type { Desk } from '../desk';

/**
 * Where this desk wrote copies of its data besides its database: the folders its backups went to
 * (the chosen one, and any `loket backup --to`) and the bundles `loket bundle export` wrote. A
 * purge removes them all; bundles are encrypted, but with the event secret the desk still holds.
 */
export interface PersonalCopies {
  backupFolders: string[];
  bundles: string[];
}

export const COPIES_KEY = 'personal_copies';

export function parseCopies(raw: string | null | undefined): PersonalCopies {
  const value = raw ? (JSON.parse(raw) as Partial<PersonalCopies>) : {};
  return { backupFolders: value.backupFolders ?? [], bundles: value.bundles ?? [] };
}

/** Both lists together (a restore keeps what the database it set aside had written). */
export function mergeCopies(a: PersonalCopies, b: PersonalCopies): PersonalCopies {
  return { backupFolders: [...new Set([...a.backupFolders, ...b.backupFolders])], bundles: [...new Set([...a.bundles, ...b.bundles])] };
}

export function rememberCopy(desk: Desk, kind: keyof PersonalCopies, path: string): void {
  const copies = parseCopies(desk.meta(COPIES_KEY));
  if (copies[kind].includes(path)) return;
  copies[kind].push(path);
  desk.setMeta(COPIES_KEY, JSON.stringify(copies));
}
