import { apiSchemas } from '../../../../shared/api';
import { t } from '../../../../shared/i18n';
import { Desk } from '../../desk';
import { findParticipant } from '../../services/checkin-service';
import { handOver } from '../../services/handover-service';
import { langOf, nibOf, parse, required } from '../args';
import type { CommandResult } from '../output';
import { typedInput } from '../typed-input';

export const HANDOVER_OPTIONS = { number: '--cert', 'recipient.name': '--representative', 'recipient.relationship': '--relationship' } as const;

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
  const nib = nibOf(required(values.nib, 'nib'));
  const recipient = values.representative
    ? { kind: 'representative' as const, name: values.representative, relationship: values.relationship ?? '-' }
    : { kind: 'owner' as const };
  // Checked before the desk is opened; the participant it is for comes from the NIB.
  const typed = typedInput(apiSchemas.handOver.omit({ participantId: true }), { number: required(values.cert, 'cert'), recipient, signature: null }, HANDOVER_OPTIONS);
  const desk = Desk.open(required(values.data, 'data'));
  try {
    const p = findParticipant(desk, { nib });
    const out = await handOver(desk, { ...typed, participantId: p.id }, values.operator?.trim() || 'CLI', { requireSignature: false });
    // No recipient name in text output (it ends up in logs); --json has the record.
    const text = t(langOf(argv), 'cli.handedOver', { number: out.certificate.number, participant: out.certificate.participantId });
    return { value: out.certificate, text };
  } finally {
    desk.close();
  }
}
