import type { ConflictView } from '../../../shared/api';
import type { Desk } from '../desk';
import { certificateView } from './certificate-views';

/** Open conflicts, handovers and edits, for the conflicts screen and the dashboard's count. */
export function conflicts(desk: Desk): ConflictView[] {
  desk.refresh();
  const out: ConflictView[] = [];
  for (const c of desk.certificates.all()) if (c.conflict) out.push({ kind: 'handover', certificate: certificateView(desk, c) });
  for (const p of desk.view.all()) {
    for (const e of p.editConflicts) out.push({ kind: 'edit', participantId: p.id, name: p.name, field: e.field, events: e.events });
  }
  return out.sort((a, b) => (a.kind === 'handover' ? a.certificate.number : a.name).localeCompare(b.kind === 'handover' ? b.certificate.number : b.name));
}
