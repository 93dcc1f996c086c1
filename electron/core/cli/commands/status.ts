import { t } from '../../../../shared/i18n';
import { status } from '../../services/status-service';
import { dashboard } from '../../services/dashboard-service';
import { langOf, parse } from '../args';
import { openDesk } from '../desk-args';
import type { CommandResult } from '../output';

export async function statusCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' } });
  const desk = openDesk(values.data);
  try {
    const s = status(desk);
    // The dashboard's figures, from the same status: the screen and this output cannot disagree.
    const d = dashboard(desk, { base: s });
    const lang = langOf(argv);
    const lines = s.byRegency.map((r) => t(lang, 'cli.statusRegency', { code: r.code, regency: r.name, checkedIn: r.checkedIn, participants: r.participants, target: r.target }));
    const summary = t(lang, 'cli.statusCertificates', {
      handed: d.certificates.handedOwner + d.certificates.handedRepresentative,
      remaining: d.certificates.remaining,
      conflicts: d.conflicts.handover + d.conflicts.edit,
    });
    const present = t(lang, 'cli.statusPresent', { checkedIn: s.checkedIn, participants: s.participants });
    return { value: { ...s, dashboard: d }, text: [present, ...lines, summary].join('\n') };
  } finally {
    desk.close();
  }
}
