import { status } from '../../services/status-service';
import { dashboard } from '../../services/dashboard-service';
import { parse } from '../args';
import { openDesk } from '../desk-args';
import type { CommandResult } from '../output';

export async function statusCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' } });
  const desk = openDesk(values.data);
  try {
    const s = status(desk);
    // The dashboard's figures, from the same status: the screen and this output cannot disagree.
    const d = dashboard(desk, { base: s });
    const lines = s.byRegency.map((r) => `${r.code} ${r.name}: ${r.checkedIn}/${r.participants} (target ${r.target})`);
    const handed = d.certificates.handedOwner + d.certificates.handedRepresentative;
    const summary = `sertifikat diserahkan ${handed}, sisa ${d.certificates.remaining}; konflik ${d.conflicts.handover + d.conflicts.edit}`;
    return { value: { ...s, dashboard: d }, text: [`${s.checkedIn}/${s.participants} hadir`, ...lines, summary].join('\n') };
  } finally {
    desk.close();
  }
}
