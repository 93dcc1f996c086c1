import type { ApiParsed, ImportResult } from '../../../shared/api';
import { LoketError } from '../../../shared/errors';
import type { NewEvent } from '../../../shared/events';
import type { CertificateState } from '../../../shared/fold-certificate';
import type { CertificateCandidate } from '../../../shared/import/certificate-list';
import { Issues } from '../../../shared/import/issues';
import { backupBefore } from '../backup/backup-file';
import type { Desk } from '../desk';
import { participantIdFor } from '../ids';
import { readCertificatesOffThread } from '../import/certificates-off-thread';
import { certificateIdFor } from './handover-service';

type ImportInput = ApiParsed<'previewCertificateImport'>;

function same(c: CertificateState, participant: string, x: CertificateCandidate): boolean {
  return (
    c.participant === participant &&
    c.number === (x.number ?? '') &&
    c.listed === x.status &&
    c.issueDate === x.issueDate &&
    JSON.stringify(c.products) === JSON.stringify(x.products)
  );
}

/**
 * Match the certificate list to participants by NIB. A number seen before updates its certificate
 * (a corrected file does not duplicate); a participant's "not yet issued" placeholder becomes the
 * numbered certificate when the number arrives.
 */
async function plan(desk: Desk, input: ImportInput) {
  desk.requireEvent();
  // Read on an import worker (a list may be 100 MB): check-ins are answered meanwhile.
  const found = await readCertificatesOffThread({ content: input.content, fileName: input.fileName, lang: desk.lang });
  const unmatched = new Issues(desk.lang);
  desk.refresh();
  const events: NewEvent[] = [];
  let imported = 0;
  let updated = 0;
  let unchanged = 0;
  for (const x of found.candidates) {
    const p = desk.view.byNibValue(x.nib);
    if (!p) {
      unmatched.add('error', x.source.sheet, x.source.row, 'nib', 'cert_unmatched', { value: x.nib });
      continue;
    }
    const pending = desk.certificates.ofParticipant(p.id).find((c) => c.number === '');
    const existing = (x.number ? desk.certificates.byNumberValue(x.number) : undefined) ?? pending;
    if (existing && same(existing, p.id, x)) {
      unchanged++;
      continue;
    }
    if (existing) updated++;
    else imported++;
    const id = existing?.id ?? (x.number ? certificateIdFor(desk, x.number) : participantIdFor(desk.secret, `certificate-pending:${x.nib}`));
    events.push({
      type: 'certificate.added',
      body: {
        id,
        participant: p.id,
        number: x.number ?? '',
        products: x.products,
        issueDate: x.issueDate,
        status: x.status,
        source: { file: input.fileName, ...x.source },
        prev: existing?.lastWrite ?? null,
      },
    });
  }
  const result: ImportResult = {
    rows: found.rows,
    imported,
    updated,
    unchanged,
    errors: [...found.errors, ...unmatched.errors],
    warnings: found.warnings,
  };
  return { events, result };
}

export async function previewCertificateImport(desk: Desk, input: ImportInput): Promise<ImportResult> {
  return (await plan(desk, input)).result;
}

/** All or nothing, like the participant import. */
export async function commitCertificateImport(desk: Desk, input: ImportInput, operator = desk.requireOperator()): Promise<ImportResult> {
  // Before planning: the plan must see the log exactly as it is when it is recorded.
  await backupBefore(desk, 'import');
  const { events, result } = await plan(desk, input);
  if (result.rows === 0) throw new LoketError('file_empty');
  desk.record(
    [
      ...events,
      {
        type: 'import.completed',
        body: { what: 'certificates', file: input.fileName, rows: result.rows, imported: result.imported, updated: result.updated, errors: result.errors.length, warnings: result.warnings.length },
      },
    ],
    operator,
  );
  return result;
}
