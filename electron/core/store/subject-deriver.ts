import type { LogEvent } from '../../../shared/events';
import { foldDesk, foldEventConfig, foldParticipant, type ParticipantState } from '../../../shared/fold';
import { foldCertificate } from '../../../shared/fold-certificate';
import type { Db } from './open-database';

/**
 * Bytes kept free in each participant's row (the `room` column, never read) for what the day adds to
 * its state: a check-in adds about 150 bytes, a badge print about as much. The state grows into the
 * room and the row keeps its length, so SQLite rewrites it in place; a row that outgrew its full page
 * made SQLite share the page out with two neighbours, and a check-in's commit wrote and synced three
 * pages of this table instead of one (7.9 WAL pages a check-in instead of 5.4 at 100k participants).
 */
const ROW_ROOM = 320;

/**
 * Writes the derived tables by re-running the pure fold over all events of each touched subject.
 * Runs inside the caller's transaction.
 */
export class SubjectDeriver {
  private readonly stmt;

  constructor(
    db: Db,
    private readonly eventsOf: (subject: string) => LogEvent[],
  ) {
    this.stmt = {
      // Bound by position: bound by name, from an object, an import's inserts took a fifth longer.
      upsertParticipant: db.prepare(
        `INSERT INTO participants (id, nib, regency, present, walk_in, state, room)
           VALUES (?, ?, ?, ?, ?, ?, zeroblob(${ROW_ROOM}))
         ON CONFLICT (id) DO UPDATE SET nib = excluded.nib, regency = excluded.regency,
           present = excluded.present, walk_in = excluded.walk_in, state = excluded.state, room = excluded.room`,
      ),
      // A check-in changes only these: updating just them leaves the nib index's page alone, one page
      // fewer for the commit to write and sync. The room shrinks by what the state grew (on the
      // right, every column is the row's old value), and is made anew once the state outgrows it.
      updateParticipant: db.prepare(
        `UPDATE participants SET present = @present, state = @state,
           room = zeroblob(CASE WHEN octet_length(state) + length(room) >= octet_length(@state)
             THEN octet_length(state) + length(room) - octet_length(@state) ELSE ${ROW_ROOM} END)
         WHERE id = @id AND nib IS @nib AND regency IS @regency AND walk_in = @walkIn`,
      ),
      upsertSubject: db.prepare(
        'INSERT INTO subjects (subject, state) VALUES (?, ?) ON CONFLICT (subject) DO UPDATE SET state = excluded.state',
      ),
    };
  }

  /**
   * Re-derive the subjects; returns the participant states written, for the caller's in-memory view.
   * `eventsOf` may replace the log query when the caller already holds some of the events; `isNew`
   * names subjects with no earlier event in the log (an import's new participants), whose row is
   * inserted without first trying to update it (a third of deriving a 100k-row import).
   */
  refresh(subjects: Iterable<string>, eventsOf: (subject: string) => LogEvent[] = this.eventsOf, isNew: (subject: string) => boolean = () => false): ParticipantState[] {
    const written: ParticipantState[] = [];
    for (const subject of subjects) {
      const events = eventsOf(subject);
      if (subject.startsWith('p:')) {
        const p = foldParticipant(events);
        // A check-in replicated ahead of its participant waits in the log until the participant arrives.
        if (!p) continue;
        const present = p.checkins.length > 0 ? 1 : 0;
        const state = JSON.stringify(p);
        const walkIn = p.walkIn ? 1 : 0;
        if (isNew(subject) || this.stmt.updateParticipant.run({ id: p.id, nib: p.nib, regency: p.regency, present, walkIn, state }).changes === 0) {
          this.stmt.upsertParticipant.run(p.id, p.nib, p.regency, present, walkIn, state);
        }
        written.push(p);
      } else if (subject.startsWith('c:')) {
        const c = foldCertificate(events);
        if (c) this.stmt.upsertSubject.run(subject, JSON.stringify(c));
      } else if (subject === 'event') {
        this.stmt.upsertSubject.run(subject, JSON.stringify(foldEventConfig(events)));
      } else if (subject.startsWith('desk:')) {
        this.stmt.upsertSubject.run(subject, JSON.stringify(foldDesk(subject.slice(5), events)));
      }
    }
    return written;
  }
}
