import type { LogEvent } from '../../../shared/events';
import { foldDesk, foldEventConfig, foldParticipant, type ParticipantState } from '../../../shared/fold';
import { foldCertificate } from '../../../shared/fold-certificate';
import type { Db } from './open-database';

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
      upsertParticipant: db.prepare(
        `INSERT INTO participants (id, nib, regency, present, walk_in, state) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET nib = excluded.nib, regency = excluded.regency,
           present = excluded.present, walk_in = excluded.walk_in, state = excluded.state`,
      ),
      // A check-in changes only these two: updating just them leaves the nib index's page alone,
      // one page fewer for the commit to write and sync.
      updateParticipant: db.prepare('UPDATE participants SET present = ?, state = ? WHERE id = ? AND nib IS ? AND regency IS ? AND walk_in = ?'),
      upsertSubject: db.prepare(
        'INSERT INTO subjects (subject, state) VALUES (?, ?) ON CONFLICT (subject) DO UPDATE SET state = excluded.state',
      ),
    };
  }

  /**
   * Re-derive the subjects; returns the participant states written, for the caller's in-memory view.
   * `eventsOf` may replace the log query when the caller already holds some of the events.
   */
  refresh(subjects: Iterable<string>, eventsOf: (subject: string) => LogEvent[] = this.eventsOf): ParticipantState[] {
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
        if (this.stmt.updateParticipant.run(present, state, p.id, p.nib, p.regency, walkIn).changes === 0) {
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
