import { readFile } from 'node:fs/promises';
import { LoketError } from '../../../../shared/errors';
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
import { checkPinFormat, PIN_ENV, readPin, refusePinOption } from '../pin-input';
import type { CommandResult } from '../output';

function openDesk(data: string | undefined): Desk {
  return Desk.open(required(data, 'data'));
}

function operatorOf(value: string | undefined): string {
  return value?.trim() || 'CLI';
}

/**
 * `loket init`: the organizer PIN comes from LOKET_PIN, a prompt or stdin (never an option); none
 * given makes a random one, printed once. The demo keeps its known PIN unless LOKET_PIN is set.
 */
export async function init(argv: string[]): Promise<CommandResult> {
  refusePinOption(argv);
  const { values } = parse(argv, {
    data: { type: 'string' },
    name: { type: 'string' },
    date: { type: 'string' },
    venue: { type: 'string' },
    'desk-name': { type: 'string' },
    demo: { type: 'boolean' },
    'no-nib-required': { type: 'boolean' },
  });
  const desk = openDesk(values.data);
  try {
    if (values.demo) {
      const given = process.env[PIN_ENV];
      const info = seedDemoEvent(desk, { name: values.name, date: values.date, pin: given === undefined ? undefined : checkPinFormat(given.trim()) });
      return { value: info, text: `${info.event?.name}: ${desk.view.size} peserta demo` };
    }
    const name = required(values.name, 'name');
    const date = required(values.date, 'date');
    // Refused before the prompt, not after the organizer typed a PIN twice.
    if (desk.event()) throw new LoketError('event_exists');
    const given = await readPin('PIN panitia / organizer PIN (8–12 angka/digits, kosong/empty = acak/random):', { confirm: 'Ulangi PIN / repeat the PIN:' });
    const pin = given ? checkPinFormat(given) : randomPin();
    const info = createEvent(
      desk,
      parseInput('createEvent', {
        name,
        date,
        venue: values.venue ?? '',
        nibRequired: !values['no-nib-required'],
        pin,
        deskName: values['desk-name'],
      }),
    );
    const pinNote = given ? '' : `\nPIN panitia / organizer PIN: ${pin}`;
    return { value: { ...info, pin: given ? undefined : pin }, text: `${info.event?.name} (${info.event?.date})${pinNote}` };
  } finally {
    desk.close();
  }
}

export async function importFile(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parse(argv, { data: { type: 'string' }, 'dry-run': { type: 'boolean' }, operator: { type: 'string' } }, 1);
  const file = positionals[0];
  if (!file) throw new UsageError('give the file to import: loket import --data DIR FILE');
  const bytes = await readFile(file).catch(() => {
    throw new UsageError(`cannot read ${file}`);
  });
  const desk = openDesk(values.data);
  try {
    const input = { fileName: basename(file), contentBase64: bytes.toString('base64') };
    if (values['dry-run']) {
      const p = await previewImport(desk, input);
      const value = { rows: p.rows, imported: p.toImport, updated: p.toUpdate, unchanged: p.unchanged, errors: p.errors, warnings: p.warnings, dryRun: true };
      return { value, text: summary(value) };
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
