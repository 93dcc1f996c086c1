import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Desk } from '../../desk';
import { seedDemoEvent } from '../../demo/seed';
import { parseInput } from '../../api/dispatch';
import { checkIn } from '../../services/checkin-service';
import { createEvent } from '../../services/event-service';
import { status } from '../../services/status-service';
import { dashboard } from '../../services/dashboard-service';
import { commitImport, previewImport } from '../../services/import-service';
import { randomPin } from '../../pin';
import { parse, required, UsageError } from '../args';
import type { CommandResult } from '../output';

function openDesk(data: string | undefined): Desk {
  return Desk.open(required(data, 'data'));
}

function operatorOf(value: string | undefined): string {
  return value?.trim() || 'CLI';
}

export async function init(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    name: { type: 'string' },
    date: { type: 'string' },
    venue: { type: 'string' },
    pin: { type: 'string' },
    'desk-name': { type: 'string' },
    demo: { type: 'boolean' },
    'no-nib-required': { type: 'boolean' },
  });
  const desk = openDesk(values.data);
  try {
    if (values.demo) {
      const info = seedDemoEvent(desk, { name: values.name, date: values.date, pin: values.pin });
      return { value: info, text: `${info.event?.name}: ${desk.view.size} peserta demo` };
    }
    const pin = values.pin ?? randomPin();
    const info = createEvent(
      desk,
      parseInput('createEvent', {
        name: required(values.name, 'name'),
        date: required(values.date, 'date'),
        venue: values.venue ?? '',
        nibRequired: !values['no-nib-required'],
        pin,
        deskName: values['desk-name'],
      }),
    );
    const pinNote = values.pin ? '' : `\nPIN panitia / organizer PIN: ${pin}`;
    return { value: { ...info, pin: values.pin ? undefined : pin }, text: `${info.event?.name} (${info.event?.date})${pinNote}` };
  } finally {
    desk.close();
  }
}

export async function importFile(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parse(
    argv,
    { data: { type: 'string' }, 'dry-run': { type: 'boolean' }, operator: { type: 'string' }, 'include-sheet': { type: 'string', multiple: true } },
    1,
  );
  const file = positionals[0];
  if (!file) throw new UsageError('give the file to import: loket import --data DIR FILE');
  const bytes = await readFile(file).catch(() => {
    throw new UsageError(`cannot read ${file}`);
  });
  const desk = openDesk(values.data);
  try {
    const input = { fileName: basename(file), contentBase64: bytes.toString('base64'), includeSheets: values['include-sheet'] };
    if (values['dry-run']) {
      const p = await previewImport(desk, input);
      const value = {
        rows: p.rows,
        nonDataRows: p.nonDataRows,
        imported: p.toImport,
        updated: p.toUpdate,
        unchanged: p.unchanged,
        hiddenSheets: p.sheets.filter((s) => s.hidden).map((s) => s.sheet),
        errors: p.errors,
        warnings: p.warnings,
        dryRun: true,
      };
      // Sheet names, never personal values; the desk's language, as the dry run's warnings are.
      const hidden = p.warnings.filter((w) => w.code === 'sheet_hidden_skipped').map((w) => `\n${w.message} (--include-sheet "${w.sheet}")`);
      return { value, text: `${summary(value)}, not data (totals, signatures) ${value.nonDataRows}${hidden.join('')}` };
    }
    const r = await commitImport(desk, input, operatorOf(values.operator));
    return { value: r, text: summary(r) };
  } finally {
    desk.close();
  }
}

function summary(r: { rows: number; imported: number; updated: number; errors: unknown[]; warnings: unknown[] }): string {
  return `rows ${r.rows}, imported ${r.imported}, updated ${r.updated}, errors ${r.errors.length}, warnings ${r.warnings.length}`;
}

export async function checkin(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, nib: { type: 'string' }, qr: { type: 'string' }, operator: { type: 'string' } });
  if (!values.nib === !values.qr) throw new UsageError('give either --nib NIB or --qr TEXT');
  const input = values.qr !== undefined ? { code: values.qr } : { nib: values.nib };
  const desk = openDesk(values.data);
  try {
    const outcome = checkIn(desk, parseInput('checkIn', input), operatorOf(values.operator));
    // Text output ends up in terminals and scripts' logs: the participant's ID, never name or NIB (--json has the record).
    return { value: outcome, text: `${outcome.status === 'checked_in' ? 'HADIR' : 'SUDAH HADIR'}: peserta ${outcome.participant.id}` };
  } finally {
    desk.close();
  }
}

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
