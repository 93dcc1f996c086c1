import { describe, expect, it } from 'vitest';
import { Desk } from '../../electron/core/desk';
import { search } from '../../electron/core/services/status-service';
import { importGenerated, openEventDesk } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/** The in-memory views after a catch-up, when nearly every participant and certificate changed at once. */
describe('views refreshed after a bulk catch-up', () => {
  it('hold every participant and certificate, searchable, as on the desk they came from', () => {
    const a = openEventDesk(tempDir());
    importGenerated(a, 2_500, 4);
    a.record(
      [...a.view.all()].map((p, i) => ({
        type: 'certificate.added' as const,
        body: { id: `cert-${i}`, participant: p.id, number: `ID6371${String(i).padStart(13, '0')}`, products: [p.productName], issueDate: '2024-05-02', status: 'tersedia' as const, source: null, prev: null },
      })),
      'Rina',
    );
    const b = Desk.open(tempDir());
    b.setMeta('event_secret', a.secret);
    b.refresh();
    const events = [...a.store.all()];
    for (let i = 0; i < events.length; i += 1_000) b.store.ingest(events.slice(i, i + 1_000), { derive: false });
    b.store.deriveBacklog();
    expect(b.refresh()).toBe(true);

    const sorted = <T extends { id: string }>(items: Iterable<T>) => [...items].sort((x, y) => x.id.localeCompare(y.id));
    expect(sorted(b.view.all())).toEqual(sorted(a.view.all()));
    expect(sorted(b.certificates.all())).toEqual(sorted(a.certificates.all()));
    const someone = [...a.view.all()][1_234]!;
    expect(b.view.byNibValue(someone.nib!)?.id).toBe(someone.id);
    expect(search(b, someone.name).some((hit) => hit.id === someone.id)).toBe(true);
    a.close();
    b.close();
  });
});
