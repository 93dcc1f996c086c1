/**
 * Words of the command line: usage mistakes, the summaries commands print, and the refusals whose
 * screen wording holds personal values (the CLI prints none: its output ends up in logs).
 */
export const CLI_TEXT = {
  'cli.usage': { id: 'cara pakai', en: 'usage' },
  'cli.usageFooter': {
    id: 'setiap perintah menerima --json (keluaran untuk program) dan --lang id|en',
    en: 'every command takes --json (machine-readable output) and --lang id|en',
  },
  'cli.unknownCommand': { id: 'perintah "{command}" tidak dikenal', en: 'unknown command "{command}"' },
  'cli.required': { id: '--{option} wajib diisi', en: '--{option} is required' },
  'cli.unknownOption': { id: 'opsi {option} tidak dikenal', en: 'unknown option {option}' },
  'cli.missingValue': { id: 'opsi {option} perlu nilai', en: 'option {option} needs a value' },
  'cli.takesNoValue': { id: 'opsi {option} tidak menerima nilai', en: 'option {option} takes no value' },
  'cli.unexpectedArgument': { id: 'argumen tidak terduga: {argument}', en: 'unexpected argument: {argument}' },
  'cli.badArguments': { id: 'argumen tidak dapat dibaca: {detail}', en: 'cannot read the arguments: {detail}' },
  'cli.port': { id: '--port harus 0–65535, bukan "{value}"', en: '--port must be 0–65535, not "{value}"' },
  'cli.keep': { id: '--keep harus bilangan bulat positif, bukan "{value}"', en: '--keep must be a positive whole number, not "{value}"' },
  'cli.value.date': {
    id: '{option} harus tanggal dalam bentuk TTTT-BB-HH, misalnya 2024-05-21, bukan "{value}"',
    en: '{option} must be a date as YYYY-MM-DD, e.g. 2024-05-21, not "{value}"',
  },
  'cli.value.nib': { id: '{option} harus NIB 13 angka, bukan "{value}"', en: '{option} must be an NIB of 13 digits, not "{value}"' },
  'cli.value.regency': {
    id: '{option} harus kode kabupaten/kota seperti 63.72, bukan "{value}"',
    en: '{option} must be a regency code such as 63.72, not "{value}"',
  },
  'cli.value.choice': { id: '{option} harus salah satu dari {values}, bukan "{value}"', en: '{option} must be one of {values}, not "{value}"' },
  'cli.value.empty': { id: '{option} tidak boleh kosong', en: '{option} must not be empty' },
  'cli.value.tooLong': { id: '{option} boleh paling banyak {max} karakter', en: '{option} takes at most {max} characters' },
  'cli.value.invalid': { id: 'nilai {option} tidak dapat dipakai: "{value}"', en: 'the value of {option} cannot be used: "{value}"' },
  'cli.separator': { id: "--separator harus ';' atau ',', bukan \"{value}\"", en: "--separator must be ';' or ',', not \"{value}\"" },
  'cli.count': { id: '--count harus 1–200000', en: '--count must be 1–200000' },
  'cli.seed': { id: '--seed harus bilangan bulat', en: '--seed must be a whole number' },
  'cli.nibOrQr': { id: 'berikan salah satu: --nib NIB atau --qr TEKS', en: 'give either --nib NIB or --qr TEXT' },
  'cli.synopsis': { id: 'cara pakai: {usage}', en: 'usage: {usage}' },
  'cli.fileMissing': { id: 'sebutkan berkasnya: {usage}', en: 'give the file: {usage}' },
  'cli.fileUnreadable': { id: 'tidak bisa membaca {file}', en: 'cannot read {file}' },
  'cli.syncOnce': {
    id: 'sync menjalankan satu pertukaran dengan --once; meja yang terus sinkron adalah `loket serve --peer URL`',
    en: 'sync runs one exchange with --once; a desk that keeps syncing is `loket serve --peer URL`',
  },
  'cli.pinOption': {
    id: '--pin tidak diterima (ps dan riwayat shell akan menampilkannya): isi LOKET_PIN, kirim lewat stdin, atau ketik di prompt',
    en: '--pin is not accepted (ps and the shell history would show it): set LOKET_PIN, pipe it on stdin, or type it at the prompt',
  },
  'cli.pinNeeded': {
    id: 'PIN panitia diperlukan: ketik di prompt, kirim lewat stdin, atau isi LOKET_PIN',
    en: 'the organizer PIN is needed: type it at the prompt, pipe it on stdin or set LOKET_PIN',
  },
  'cli.pinsDiffer': { id: 'kedua PIN berbeda', en: 'the two PINs differ' },
  'cli.uplinkPasswordInUrl': {
    id: 'jangan menaruh kata sandi di baris perintah: berikan URL lewat LOKET_UPLINK_URL atau --url-file, atau kata sandinya lewat PGPASSWORD atau ~/.pgpass',
    en: 'no password on the command line: give the URL in LOKET_UPLINK_URL or --url-file, or the password in PGPASSWORD or ~/.pgpass',
  },
  'cli.joinNeedsEmptyFolder': {
    id: 'meja ini sudah memegang acara lain: bergabunglah dengan folder data yang kosong',
    en: 'this desk already holds another event: join with an empty data folder',
  },

  'cli.importNotData': { id: 'bukan data (jumlah, tanda tangan) {count}', en: 'not data (totals, signatures) {count}' },
  'cli.importSummary': {
    id: 'baris {rows}: diimpor {imported}, diperbarui {updated}, tidak berubah {unchanged}, galat {errors}, peringatan {warnings}',
    en: 'rows {rows}: imported {imported}, updated {updated}, unchanged {unchanged}, errors {errors}, warnings {warnings}',
  },
  'cli.importDryRun': {
    id: 'uji coba, belum ada yang disimpan. Baris {rows}: akan diimpor {imported}, akan diperbarui {updated}, tidak berubah {unchanged}, galat {errors}, peringatan {warnings}',
    en: 'dry run, nothing saved. Rows {rows}: would import {imported}, would update {updated}, unchanged {unchanged}, errors {errors}, warnings {warnings}',
  },
  'cli.pinPromptNew': { id: 'PIN panitia (8–12 angka, kosong = acak):', en: 'organizer PIN (8–12 digits, empty = random):' },
  'cli.pinRepeat': { id: 'Ulangi PIN:', en: 'Repeat the PIN:' },
  'cli.pinPrompt': { id: 'PIN panitia:', en: 'organizer PIN:' },
  'cli.pinShown': { id: 'PIN panitia: {pin}', en: 'organizer PIN: {pin}' },
  'cli.demoCreated': { id: '{event}: {count} peserta demo', en: '{event}: {count} demo participants' },
  'cli.demoWorkbook': { id: '{file}: {count} peserta', en: '{file}: {count} participants' },
  'cli.checkedIn': { id: 'HADIR: peserta {participant}', en: 'CHECKED IN: participant {participant}' },
  'cli.alreadyPresent': { id: 'SUDAH HADIR: peserta {participant}', en: 'ALREADY PRESENT: participant {participant}' },
  'cli.handedOver': { id: 'DISERAHKAN: {number} → peserta {participant}', en: 'HANDED OVER: {number} → participant {participant}' },
  'cli.statusPresent': { id: '{checkedIn}/{participants} hadir', en: '{checkedIn}/{participants} present' },
  'cli.statusRegency': { id: '{code} {regency}: {checkedIn}/{participants} (target {target})', en: '{code} {regency}: {checkedIn}/{participants} (target {target})' },
  'cli.statusCertificates': {
    id: 'sertifikat diserahkan {handed}, sisa {remaining}; konflik {conflicts}',
    en: 'certificates handed over {handed}, remaining {remaining}; conflicts {conflicts}',
  },
  'cli.badges': { id: '{file}: {count} kartu peserta', en: '{file}: {count} badges' },
  'cli.badge': { id: '{file}: {count} kartu peserta', en: '{file}: {count} badge' },
  'cli.invitations': { id: '{folder}: {count} undangan', en: '{folder}: {count} invitations' },
  'cli.invitation': { id: '{folder}: {count} undangan', en: '{folder}: {count} invitation' },
  'cli.exportComplete': { id: 'LENGKAP: {count} berkas di {folder}', en: 'COMPLETE: {count} files in {folder}' },
  'cli.exportIncomplete': { id: 'MUNGKIN TIDAK LENGKAP: {count} berkas di {folder}', en: 'POSSIBLY INCOMPLETE: {count} files in {folder}' },
  'cli.bundleExported': { id: '{count} data → {file}', en: '{count} events → {file}' },
  'cli.bundleImported': {
    id: '{inserted} baru, {duplicates} sudah ada, peringatan integritas {alarms}',
    en: '{inserted} new, {duplicates} already held, integrity alarms {alarms}',
  },
  'cli.synced': {
    id: '{peer} ({desk}): diterima {inserted} baru, {duplicates} sudah ada, dikirim {sent}, peringatan integritas {alarms} ({seconds} dtk)',
    en: '{peer} ({desk}): received {inserted} new, {duplicates} already held, sent {sent}, integrity alarms {alarms} ({seconds} s)',
  },
  'cli.joined': { id: 'bergabung dengan {event}: {exchange}', en: 'joined {event}: {exchange}' },
  'cli.joinedUnreached': { id: 'bergabung dengan {event}; belum ada meja yang dapat dihubungi', en: 'joined {event}; no desk reachable yet' },
  'cli.checked': { id: 'OK: {count} data', en: 'OK: {count} events' },
  'cli.checkedFull': { id: 'OK: {count} data, semuanya di-hash ulang', en: 'OK: {count} events, every one re-hashed' },
  'cli.restored': {
    id: 'dipulihkan: {events} data; ID meja baru {desk} (sebelumnya {from})',
    en: 'restored: {events} events; new desk ID {desk} (was {from})',
  },
  'cli.restoredAside': { id: 'basis data sebelumnya disimpan: {file}', en: 'previous database kept: {file}' },
  'cli.purged': {
    id: 'data pribadi dihapus; {copies} salinan dihapus (cadangan, basis data yang disisihkan, bundel)',
    en: 'personal data purged; {copies} copies removed (backups, set-aside databases, bundles)',
  },
  'cli.uplinkPushed': { id: 'uplink: {pushed} data dikirim ke {server}; {events} tersimpan di sini', en: 'uplink: {pushed} event(s) pushed to {server}; {events} held here' },
  'cli.uplinkRedacted': { id: '{redacted} data pribadinya dihapus di sana', en: '{redacted} redacted there' },
  'cli.uplinkAlarm': { id: 'PERINGATAN INTEGRITAS: {alarms} (lihat loket status)', en: 'INTEGRITY ALARM: {alarms} (see loket status)' },
  'cli.uplinkStopped': { id: 'uplink: berhenti', en: 'uplink: stopped' },
  'cli.nibNotFound': { id: 'Tidak ada peserta dengan NIB {nib} di meja ini.', en: 'No participant with NIB {nib} on this desk.' },

  'cli.error.nib_taken': { id: 'NIB sudah terdaftar atas nama peserta lain.', en: 'The NIB is already registered to another participant.' },
  'cli.error.not_present': { id: 'Peserta ini belum tercatat hadir.', en: 'This participant is not checked in.' },
  'cli.error.wrong_envelope': {
    id: 'AMPLOP SALAH: sertifikat {number} milik peserta lain, bukan peserta ini.',
    en: 'WRONG ENVELOPE: certificate {number} belongs to another participant, not to this one.',
  },
  'cli.error.already_handed_over': {
    id: 'Sertifikat {number} SUDAH DISERAHKAN pukul {time} di {desk}.',
    en: 'Certificate {number} was ALREADY HANDED OVER at {time} at {desk}.',
  },
  'cli.error.certificate_number_taken': {
    id: 'Nomor sertifikat {number} sudah terdaftar untuk peserta lain.',
    en: 'Certificate number {number} is already listed for another participant.',
  },
} as const satisfies Record<string, { id: string; en: string }>;

export type CliKey = keyof typeof CLI_TEXT;
