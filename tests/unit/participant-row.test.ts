import { describe, expect, it } from 'vitest';
import type { Desk } from '../../electron/core/desk';
import { checkIn, voidCheckIn } from '../../electron/core/services/checkin-service';
import { openEventDesk, person } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/** The bytes of a participant's row that the day changes: its state and the room kept beside it. */
function row(desk: Desk, id: string): { bytes: number; room: number | null; state: unknown } {
  const r = desk.db.prepare('SELECT octet_length(state) + coalesce(length(room), 0) AS bytes, length(room) AS room, state FROM participants WHERE id = ?').get(id) as {
    bytes: number;
    room: number | null;
    state: string;
  };
  return { bytes: r.bytes, room: r.room, state: JSON.parse(r.state) };
}

function deskWithOne(): { desk: Desk; id: string } {
  const desk = openEventDesk(tempDir(), [person({ name: 'Siti Aminah' }), person({ nib: '6301000000001', name: 'Gusti Rahman' })]);
  return { desk, id: desk.view.byNibValue('0123456789012')!.id };
}

describe("a participant's stored row", () => {
  it('keeps its length through a check-in and a badge print, the state growing into the room beside it', () => {
    const { desk, id } = deskWithOne();
    const imported = row(desk, id);
    expect(imported.room).toBeGreaterThan(0);
    checkIn(desk, { participantId: id, via: 'search' });
    desk.record([{ type: 'badge.printed', body: { participant: id, layout: 'a6', reason: null } }], 'Rina');
    const after = row(desk, id);
    expect(after.bytes).toBe(imported.bytes);
    expect(after.room).toBeLessThan(imported.room!);
    // The row holds the state the screens show, nothing else.
    expect(after.state).toEqual(desk.view.get(id));
    expect((after.state as { checkins: unknown[]; badges: unknown[] }).checkins).toHaveLength(1);
    expect((after.state as { badges: unknown[] }).badges).toHaveLength(1);
    desk.close();
  });

  it('gets new room once its state outgrows it, and a row kept before there was room gets some at its next change', () => {
    const { desk, id } = deskWithOne();
    const grown: number[] = [];
    // Each arrival undone and made again adds a check-in and a void to the state.
    for (let i = 0; i < 6; i++) {
      checkIn(desk, { participantId: id, via: 'search' });
      voidCheckIn(desk, { participantId: id, reason: `salah orang ${i}` });
      grown.push(row(desk, id).bytes);
    }
    expect(new Set(grown).size).toBeGreaterThan(1);
    expect(row(desk, id).state).toEqual(desk.view.get(id));

    // As a desk's rows were before the room was kept (the migration adds the column empty).
    const other = desk.view.byNibValue('6301000000001')!.id;
    desk.db.prepare('UPDATE participants SET room = NULL WHERE id = ?').run(other);
    checkIn(desk, { participantId: other, via: 'nib' });
    const migrated = row(desk, other);
    expect(migrated.room).toBeGreaterThan(0);
    desk.record([{ type: 'badge.printed', body: { participant: other, layout: 'a6', reason: null } }], 'Rina');
    expect(row(desk, other).bytes).toBe(migrated.bytes);
    expect(row(desk, other).state).toEqual(desk.view.get(other));
    desk.close();
  });
});
