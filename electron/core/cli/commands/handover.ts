import { parseInput } from '../../api/parse-input';
import { Desk } from '../../desk';
import { findParticipant } from '../../services/checkin-service';
import { handOver } from '../../services/handover-service';
import { parse, required } from '../args';
import type { CommandResult } from '../output';

/** A handover recorded from a script: refused for a certificate already handed over or of another NIB. */
export async function handoverCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    nib: { type: 'string' },
    cert: { type: 'string' },
    representative: { type: 'string' },
    relationship: { type: 'string' },
    operator: { type: 'string' },
  });
  const nib = required(values.nib, 'nib');
  const cert = required(values.cert, 'cert');
  const desk = Desk.open(required(values.data, 'data'));
  try {
    const p = findParticipant(desk, parseInput('checkIn', { nib }));
    const recipient = values.representative
      ? { kind: 'representative' as const, name: values.representative, relationship: values.relationship ?? '-' }
      : { kind: 'owner' as const };
    const input = parseInput('handOver', { participantId: p.id, number: cert, recipient, signature: null });
    const out = await handOver(desk, input, values.operator?.trim() || 'CLI', { requireSignature: false });
    // No recipient name in text output (it ends up in logs); --json has the record.
    return { value: out.certificate, text: `DISERAHKAN: ${out.certificate.number} → peserta ${out.certificate.participantId}` };
  } finally {
    desk.close();
  }
}
