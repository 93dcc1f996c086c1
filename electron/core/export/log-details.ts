import type { LogEvent } from '../../../shared/events';

/**
 * The Log sheet's "Aksi" and "Rincian" for each event. Deliberately leaves out signatures,
 * photos, the PIN's salt and hash and anything secret: the log sheet travels by e-mail.
 */
export const ACTION_LABELS: Record<LogEvent['type'], string> = {
  'event.configured': 'Acara diatur',
  'desk.named': 'Meja dinamai',
  'operator.signed_in': 'Petugas masuk',
  'participant.imported': 'Peserta diimpor',
  'participant.registered': 'Daftar di tempat',
  'participant.edited': 'Data peserta diubah',
  'checkin.recorded': 'Kehadiran dicatat',
  'checkin.voided': 'Kehadiran dibatalkan',
  'badge.printed': 'Kartu peserta dicetak',
  'badge.generated': 'Kartu peserta dibuat untuk dicetak (PDF)',
  'certificate.added': 'Sertifikat dicatat',
  'certificate.handed_over': 'Sertifikat diserahkan',
  'certificate.handover_voided': 'Serah terima dibatalkan',
  'conflict.resolved': 'Konflik diselesaikan',
  'desk.closed': 'Meja ditutup',
  'import.completed': 'Impor selesai',
  'desk.restored': 'Meja dipulihkan dari cadangan',
  'desk.purged': 'Data pribadi dihapus',
  'event.retention_set': 'Batas simpan data diatur',
};

/** Names resolved for the details: participants and certificates by ID. */
export interface LogNames {
  participant(id: string): string;
  certificate(id: string): string;
}

export function logDetails(e: LogEvent, names: LogNames): string {
  switch (e.type) {
    case 'event.configured':
      return `${e.body.name} · ${e.body.date} · ${e.body.venue}`;
    case 'desk.named':
    case 'operator.signed_in':
      return e.body.name;
    case 'participant.imported':
      return `${e.body.name} · NIB ${e.body.nib ?? '-'} · ${e.body.source.file} / ${e.body.source.sheet} / baris ${e.body.source.row}`;
    case 'participant.registered':
      return `${e.body.name} · NIB ${e.body.nib ?? '-'}`;
    case 'participant.edited': {
      const fields = Object.keys(e.body).filter((k) => k !== 'id' && k !== 'prev');
      return `${names.participant(e.body.id)} · ${fields.join(', ')}`;
    }
    case 'checkin.recorded':
      return `${names.participant(e.body.participant)} · ${e.body.via}`;
    case 'checkin.voided':
      return `${names.participant(e.body.participant)} · alasan: ${e.body.reason}`;
    case 'badge.printed':
      return `${names.participant(e.body.participant)} · ${e.body.layout}${e.body.reason ? ` · cetak ulang: ${e.body.reason}` : ''}`;
    case 'badge.generated':
      return `${names.participant(e.body.participant)} · ${e.body.layout}`;
    case 'certificate.added':
      return `${e.body.number || '(belum terbit)'} · ${names.participant(e.body.participant)} · ${e.body.status}`;
    case 'certificate.handed_over': {
      const r = e.body.recipient;
      const who = r.kind === 'owner' ? `langsung: ${r.name}` : `diwakilkan: ${r.name}${r.relationship ? ` (${r.relationship})` : ''}`;
      return `${names.certificate(e.body.certificate)} · ${who}${e.body.overrideReason ? ` · diserahkan ulang: ${e.body.overrideReason}` : ''}`;
    }
    case 'certificate.handover_voided':
      return `${names.certificate(e.body.certificate)} · alasan: ${e.body.reason}`;
    case 'conflict.resolved':
      return `${names.certificate(e.body.certificate)} · dipertahankan ${e.body.keep} · alasan: ${e.body.reason}`;
    case 'desk.closed':
      return `diserahkan ${e.body.handedOver} · sisa ${e.body.inStock}`;
    case 'desk.restored':
      return `dari meja ${e.body.fromDesk.slice(0, 6)} · ${e.body.backupFile} · sampai #${e.body.fromSeq}`;
    case 'desk.purged':
      return `${e.body.redacted} catatan dihapus datanya · ${e.body.participants} peserta, ${e.body.checkedIn} hadir`;
    case 'event.retention_set':
      return `simpan sampai ${e.body.date}`;
    case 'import.completed':
      return `${e.body.what === 'certificates' ? 'sertifikat' : 'peserta'} · ${e.body.file} · ${e.body.imported} baru, ${e.body.updated} diperbarui, ${e.body.errors} galat`;
  }
}
