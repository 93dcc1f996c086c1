import { regencyByCode } from '../../../shared/domain/regency';
import type { ParticipantState } from '../../../shared/fold';
import type { CertificateState } from '../../../shared/fold-certificate';
import { hlcWall } from '../../../shared/hlc';
import type { Cell } from './cells';

/** One participant with what the export needs beside it. */
export interface ParticipantRow {
  no: number;
  p: ParticipantState;
  certificates: CertificateState[];
  deskName: (id: string) => string;
}

/** "+6281…" as the "0812…" Indonesians write and the ministry's lists use. */
export function localPhone(phone: string | null): string | null {
  return phone ? `0${phone.slice(3)}` : null;
}

export function handoverStatus(certificates: readonly CertificateState[]): string {
  if (certificates.length === 0) return 'Tidak ada sertifikat';
  if (certificates.some((c) => c.conflict)) return 'Konflik';
  if (certificates.every((c) => c.handovers.length > 0)) return 'Sudah Diserahkan';
  if (certificates.some((c) => c.status === 'tersedia')) return 'Belum Diserahkan';
  return 'Belum Terbit';
}

const firstHandover = (r: ParticipantRow) => r.certificates.flatMap((c) => c.handovers)[0];

/** The field keys a participant-sheet template may name, and how each is filled. */
export const PARTICIPANT_FIELDS = {
  no: (r: ParticipantRow): Cell => r.no,
  province: (): Cell => 'Kalimantan Selatan',
  regencyCode: (r: ParticipantRow): Cell => r.p.regency,
  regencyName: (r: ParticipantRow): Cell => (r.p.regency ? (regencyByCode(r.p.regency)?.name ?? r.p.regency) : null),
  name: (r: ParticipantRow): Cell => r.p.name,
  nib: (r: ParticipantRow): Cell => r.p.nib,
  /** In full: the ministry's list is the one place that needs it (add {"field":"nik"} to the template). */
  nik: (r: ParticipantRow): Cell => r.p.nik ?? null,
  business: (r: ParticipantRow): Cell => r.p.business,
  productType: (r: ParticipantRow): Cell => r.p.productType,
  productName: (r: ParticipantRow): Cell => r.p.productName,
  product: (r: ParticipantRow): Cell => [r.p.productName, r.p.productType].filter(Boolean).join(' / '),
  address: (r: ParticipantRow): Cell => r.p.address,
  district: (r: ParticipantRow): Cell => r.p.district,
  phone: (r: ParticipantRow): Cell => localPhone(r.p.phone),
  phoneIntl: (r: ParticipantRow): Cell => r.p.phone,
  certificateNumber: (r: ParticipantRow): Cell => r.certificates.map((c) => c.number).filter(Boolean).join(', ') || null,
  certificateIssueDate: (r: ParticipantRow): Cell => {
    const day = r.certificates.find((c) => c.issueDate)?.issueDate;
    return day ? { day } : null;
  },
  attendance: (r: ParticipantRow): Cell => (r.p.checkins.length > 0 ? 'Hadir' : 'Belum Hadir'),
  arrival: (r: ParticipantRow): Cell => (r.p.checkins[0] ? { at: hlcWall(r.p.checkins[0].hlc) } : null),
  arrivalDesk: (r: ParticipantRow): Cell => (r.p.checkins[0] ? r.deskName(r.p.checkins[0].desk) : null),
  arrivalOperator: (r: ParticipantRow): Cell => r.p.checkins[0]?.operator ?? null,
  handoverStatus: (r: ParticipantRow): Cell => handoverStatus(r.certificates),
  recipient: (r: ParticipantRow): Cell => firstHandover(r)?.recipient.name ?? null,
  represented: (r: ParticipantRow): Cell => {
    const h = firstHandover(r);
    return h ? (h.recipient.kind === 'representative' ? 'Ya' : 'Tidak') : null;
  },
  walkIn: (r: ParticipantRow): Cell => (r.p.walkIn ? 'Ya' : 'Tidak'),
  remarks: (r: ParticipantRow): Cell => [r.p.walkIn ? 'Daftar di tempat' : '', r.p.editConflicts.length ? 'Data peserta bertentangan' : ''].filter(Boolean).join('; ') || null,
} satisfies Record<string, (r: ParticipantRow) => Cell>;

export type ParticipantField = keyof typeof PARTICIPANT_FIELDS;
