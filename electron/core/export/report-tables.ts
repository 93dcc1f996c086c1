import { regencyByCode } from '../../../shared/domain/regency';
import { eventId } from '../../../shared/event-identity';
import { hlcWall } from '../../../shared/hlc';
import type { Cell, Table } from './cells';
import { ACTION_LABELS, logDetails } from './log-details';
import { localPhone, PARTICIPANT_FIELDS } from './participant-fields';
import type { RegencyTotals, ReportData } from './report-data';
import type { ParticipantTemplate } from './template';

/** The sheets, in the order the ministry reads them. Headers are Indonesian whatever the desk's language: the reader is the Dinas. */
export function reportTables(data: ReportData, template: ParticipantTemplate): Table[] {
  return [rekap(data), participants(data, template), attendance(data), handovers(data), walkIns(data), log(data), conflicts(data)];
}

/** Every sheet but the participants' (its names come from the template), with its CSV file. */
const FIXED = {
  rekap: { sheet: 'Rekap', file: 'rekap.csv' },
  attendance: { sheet: 'Daftar Hadir', file: 'daftar-hadir.csv' },
  handovers: { sheet: 'Serah Terima', file: 'serah-terima.csv' },
  walkIns: { sheet: 'Walk-in', file: 'walk-in.csv' },
  log: { sheet: 'Log', file: 'log.csv' },
  conflicts: { sheet: 'Konflik', file: 'konflik.csv' },
} as const;

/**
 * The name a template gives the participant sheet or its file that another sheet or file of the
 * report already has (ignoring case, as Excel and Windows do), or null. Taken, it would overwrite
 * that file and the manifest would list the name twice.
 */
export function nameTakenByReport(template: Pick<ParticipantTemplate, 'sheet' | 'file'>): string | null {
  const taken = new Set(Object.values(FIXED).flatMap((t) => [t.sheet.toLowerCase(), t.file.toLowerCase()]));
  return [template.file, template.sheet].find((name) => taken.has(name.toLowerCase())) ?? null;
}

const regencyName = (code: string | null) => (code ? (regencyByCode(code)?.name ?? code) : null);
const ratio = (part: number, whole: number) => ({ percent: whole > 0 ? part / whole : 0 });

function rekapRow(r: RegencyTotals, code: Cell, name: string): Cell[] {
  return [code, name, r.target, r.registered, r.present, ratio(r.present, r.registered), r.issued, r.handedOwner, r.handedRepresentative, r.notHanded, r.notIssued, r.walkIns ? `${r.walkIns} daftar di tempat` : null];
}

export function rekapTotals(data: ReportData): RegencyTotals {
  const sum = (key: keyof Omit<RegencyTotals, 'code' | 'name'>) => data.regencies.reduce((n, r) => n + r[key], 0);
  return { code: '', name: 'Jumlah', target: sum('target'), registered: sum('registered'), present: sum('present'), walkIns: sum('walkIns'), issued: sum('issued'), handedOwner: sum('handedOwner'), handedRepresentative: sum('handedRepresentative'), notHanded: sum('notHanded'), notIssued: sum('notIssued') };
}

export const REKAP_HEADERS = ['Kode', 'Kabupaten/Kota', 'Target/Kuota', 'Terdaftar', 'Hadir', '% Hadir', 'SH Tersedia', 'Diserahkan Langsung', 'Diwakilkan', 'Belum Diserahkan', 'Belum Terbit', 'Keterangan'];

function rekap(data: ReportData): Table {
  return {
    ...FIXED.rekap,
    headers: REKAP_HEADERS,
    widths: [8, 30, 12, 11, 9, 9, 12, 18, 11, 16, 12, 24],
    rows: data.regencies.map((r) => rekapRow(r, r.code || null, r.name)),
    totals: rekapRow(rekapTotals(data), null, 'Jumlah'),
  };
}

function participants(data: ReportData, template: ParticipantTemplate): Table {
  return {
    sheet: template.sheet,
    file: template.file,
    headers: template.columns.map((c) => c.header),
    widths: template.columns.map((c) => (c.field === 'name' || c.field === 'business' || c.field === 'address' ? 30 : 16)),
    rows: data.participants.map((p, i) => {
      const row = { no: i + 1, p, certificates: data.certificatesOf.get(p.id) ?? [], deskName: data.deskName };
      return template.columns.map((c) => (c.field ? PARTICIPANT_FIELDS[c.field](row) : null));
    }),
  };
}

function attendance(data: ReportData): Table {
  return {
    ...FIXED.attendance,
    headers: ['No', 'Nama Pelaku Usaha', 'NIB', 'Nama Usaha', 'Kabupaten/Kota', 'No. HP', 'Waktu Hadir (WITA)', 'Meja', 'Petugas'],
    widths: [6, 30, 16, 30, 26, 15, 18, 12, 16],
    rows: data.present.map((p, i) => {
      const c = p.checkins[0]!;
      return [i + 1, p.name, p.nib, p.business, regencyName(p.regency), localPhone(p.phone), { at: hlcWall(c.hlc) }, data.deskName(c.desk), c.operator];
    }),
  };
}

function handovers(data: ReportData): Table {
  return {
    ...FIXED.handovers,
    headers: ['No', 'Nomor Sertifikat', 'NIB', 'Nama Usaha', 'Nama Pelaku Usaha', 'Penerima', 'Diwakilkan', 'Hubungan dengan Pelaku Usaha', 'Waktu (WITA)', 'Meja', 'Petugas'],
    widths: [6, 22, 16, 30, 26, 26, 11, 20, 18, 12, 16],
    rows: data.handovers.map(({ certificate, participant, handover: h }, i) => [
      i + 1,
      certificate.number || null,
      participant?.nib ?? null,
      participant?.business ?? null,
      participant?.name ?? null,
      h.recipient.name,
      h.recipient.kind === 'representative' ? 'Ya' : 'Tidak',
      h.recipient.relationship,
      { at: hlcWall(h.hlc) },
      data.deskName(h.desk),
      h.operator,
    ]),
  };
}

function walkIns(data: ReportData): Table {
  return {
    ...FIXED.walkIns,
    headers: ['No', 'Nama Pelaku Usaha', 'NIB', 'Nama Usaha', 'Kabupaten/Kota', 'No. HP', 'Waktu Daftar (WITA)', 'Meja', 'Petugas', 'Status Kehadiran'],
    widths: [6, 30, 16, 30, 26, 15, 18, 12, 16, 14],
    rows: data.walkIns.map(({ p, registration }, i) => [
      i + 1,
      p.name,
      p.nib,
      p.business,
      regencyName(p.regency),
      localPhone(p.phone),
      { at: hlcWall(registration?.hlc ?? p.createdHlc) },
      registration ? data.deskName(registration.desk) : null,
      registration?.operator ?? null,
      p.checkins.length > 0 ? 'Hadir' : 'Belum Hadir',
    ]),
  };
}

function log(data: ReportData): Table {
  const byParticipant = new Map(data.participants.map((p) => [p.id, p.name]));
  const numbers = new Map([...data.certificatesOf.values()].flat().map((c) => [c.id, c.number || c.id]));
  const names = { participant: (id: string) => byParticipant.get(id) ?? id, certificate: (id: string) => numbers.get(id) ?? id };
  return {
    ...FIXED.log,
    headers: ['No', 'Waktu (WITA)', 'Meja', 'Petugas', 'Aksi', 'Rincian', 'ID Peristiwa'],
    widths: [8, 18, 12, 16, 24, 70, 32],
    rows: data.events.map((e, i) => [i + 1, { at: hlcWall(e.hlc) }, data.deskName(e.desk), e.operator, ACTION_LABELS[e.type], logDetails(e, names), eventId(e)]),
  };
}

function conflicts(data: ReportData): Table {
  return {
    ...FIXED.conflicts,
    headers: ['No', 'Nomor Sertifikat', 'NIB', 'Nama Usaha', 'Status', 'Serah Terima yang Bersaing', 'Dipertahankan', 'Alasan', 'Waktu Penyelesaian (WITA)', 'Meja', 'Petugas'],
    widths: [6, 22, 16, 30, 14, 60, 30, 30, 18, 12, 16],
    rows: data.conflicts.map(({ certificate, participant, competing, resolution }, i) => {
      const describe = (e: (typeof competing)[number]) => `${e.body.recipient.name} (${data.deskName(e.desk)}, ${e.operator}, ${eventId(e)})`;
      const kept = resolution ? competing.find((e) => eventId(e) === resolution.body.keep) : undefined;
      return [
        i + 1,
        certificate.number || null,
        participant?.nib ?? null,
        participant?.business ?? null,
        resolution ? 'Diselesaikan' : 'Terbuka',
        competing.map(describe).join('; '),
        kept ? describe(kept) : null,
        resolution?.body.reason ?? null,
        resolution ? { at: hlcWall(resolution.hlc) } : null,
        resolution ? data.deskName(resolution.desk) : null,
        resolution?.operator ?? null,
      ];
    }),
  };
}
