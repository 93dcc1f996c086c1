import type { PrivacyOverview, PurgeOutcome } from '../../../shared/api';
import { LoketError } from '../../../shared/errors';
import type { Desk } from '../desk';
import { exportsDir } from '../paths';
import { checkOrganizerPin } from './organizer';
import { removePersonalCopies } from './purge-copies';

const REWRITE_ATTEMPTS = 5;

interface ExportMark {
  at: number;
  pos: number;
}

/** Called after every finished export: the purge needs one that covers every personal record. */
export function markExported(desk: Desk): void {
  desk.setMeta('export_done', JSON.stringify({ at: desk.now(), pos: desk.store.headPos() } satisfies ExportMark));
}

function exportMark(desk: Desk): ExportMark | null {
  const raw = desk.meta('export_done');
  return raw ? (JSON.parse(raw) as ExportMark) : null;
}

/** Today's date in the event's timezone (WITA), as YYYY-MM-DD. */
function today(desk: Desk): string {
  const zone = desk.event()?.timezone ?? 'Asia/Makassar';
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(desk.now());
}

export function privacyOverview(desk: Desk): PrivacyOverview {
  const mark = exportMark(desk);
  const retentionDate = desk.event()?.retentionDate ?? null;
  const purged = desk.store.purged();
  return {
    retentionDate,
    retentionPassed: retentionDate !== null && !purged && today(desk) > retentionDate,
    exportedAt: mark?.at ?? null,
    personalSinceExport: mark ? desk.store.personalEventsAfter(mark.pos) : null,
    purged,
    exportsFolder: exportsDir(desk.dataDir),
  };
}

export function setRetention(desk: Desk, date: string): PrivacyOverview {
  desk.record([{ type: 'event.retention_set', body: { date } }], desk.requireOperator());
  return privacyOverview(desk);
}

/**
 * Destroy this desk's copy of personal data (UU PDP Pasal 44), after an export that holds all of
 * it. The PIN is asked again even with the organizer unlocked: this cannot be undone. Counts stay
 * (participants, regency, walk-in, check-ins, handovers) because the events stay; their personal
 * fields are redacted in place in the same transaction as the `desk.purged` event that records it.
 */
export async function purgePersonalData(desk: Desk, pin: string): Promise<PurgeOutcome> {
  await checkOrganizerPin(desk, pin);
  if (desk.store.purged()) throw new LoketError('already_purged');
  const mark = exportMark(desk);
  if (!mark) throw new LoketError('export_required');
  const since = desk.store.personalEventsAfter(mark.pos);
  if (since > 0) throw new LoketError('data_after_export', { count: since });
  const operator = desk.requireOperator();

  // Overwrite what the purge frees instead of leaving it in free pages of the file.
  desk.db.pragma('secure_delete = ON');
  desk.db
    .transaction(() => {
      const { redacted } = desk.store.redactPersonal();
      const all = [...desk.view.all()];
      desk.record(
        [
          {
            type: 'desk.purged',
            body: {
              redacted,
              participants: all.length,
              checkedIn: all.filter((p) => p.checkins.length > 0).length,
              exportedAt: mark.pos,
            },
          },
        ],
        operator,
      );
    })
    .immediate();
  // Recording `desk.purged` rebuilt this process's views from the redacted log (Desk.refresh);
  // another process serving the same folder does the same within its next poll.
  await rewriteFile(desk);
  // Backups, set-aside databases and bundles hold the data just destroyed; a restore must not bring it back.
  const copiesRemoved = (await removePersonalCopies(desk)).length;
  return { ...privacyOverview(desk), copiesRemoved };
}

/**
 * Rewrite the file and empty the WAL, where the old page images still sit. Another process using
 * the file (a serving desk beside `loket purge`) can hold these off for a moment, so they are tried
 * again (each waits SQLite's busy timeout). The purge itself is committed whatever happens here.
 */
async function rewriteFile(desk: Desk): Promise<void> {
  for (let attempt = 1; attempt <= REWRITE_ATTEMPTS; attempt++) {
    try {
      desk.db.pragma('wal_checkpoint(TRUNCATE)');
      desk.db.exec('VACUUM');
      const [result] = desk.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy === 0) return;
    } catch {
      // SQLITE_BUSY: a reader held on past the timeout; try again.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
