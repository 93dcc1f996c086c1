import type { ErrorCode } from '../errors';

/** Messages the core produces: errors and import findings. The UI's own words are in ui.ts. */

export type ImportIssueCode =
  | 'nib_missing'
  | 'nib_not_digits'
  | 'nib_wrong_length'
  | 'nib_restored'
  | 'nib_twelve_digits'
  | 'nib_scientific'
  | 'nib_spaces_removed'
  | 'nib_duplicate'
  | 'name_missing'
  | 'phone_invalid'
  | 'regency_unknown'
  | 'regency_missing'
  | 'regency_outside_event'
  | 'sheet_no_regency'
  | 'formula_text'
  | 'formula_no_result'
  | 'formula_error'
  | 'sheet_hidden_skipped'
  | 'row_empty_nib_optional'
  | 'nib_duplicate_sheet'
  | 'text_truncated'
  | 'sheet_no_header'
  | 'sheet_no_name_column'
  | 'sheet_no_nib_column'
  | 'sheet_no_certificate_columns'
  | 'cert_sheet_hidden_skipped'
  | 'cert_number_format'
  | 'cert_pending'
  | 'cert_duplicate'
  | 'cert_date_invalid'
  | 'cert_unmatched';

type Entry = { id: string; en: string };

const ERRORS: Record<ErrorCode, Entry> = {
  no_event: { id: 'Belum ada acara. Buat acara terlebih dahulu.', en: 'No event yet. Create the event first.' },
  event_exists: { id: 'Acara sudah dibuat di meja ini.', en: 'This desk already has an event.' },
  not_signed_in: { id: 'Masukkan nama petugas terlebih dahulu.', en: 'Sign in with the operator name first.' },
  organizer_locked: {
    id: 'Fungsi ini khusus panitia. Masukkan PIN panitia.',
    en: 'This is for organizers only. Enter the organizer PIN.',
  },
  wrong_pin: { id: 'PIN panitia salah.', en: 'Wrong organizer PIN.' },
  pin_locked: {
    id: 'Terlalu banyak PIN salah. Coba lagi dalam {seconds} detik.',
    en: 'Too many wrong PINs. Try again in {seconds} seconds.',
  },
  pin_too_short: { id: 'PIN panitia harus 8–12 angka.', en: 'The organizer PIN must have 8–12 digits.' },
  participant_not_found: { id: 'Data tidak ditemukan.', en: 'Participant not found.' },
  nib_invalid: { id: 'NIB harus 13 angka: "{value}".', en: 'An NIB has exactly 13 digits: "{value}".' },
  nib_required: { id: 'NIB wajib diisi.', en: 'The NIB is required.' },
  nib_taken: {
    id: 'NIB {nib} sudah terdaftar atas nama {name}.',
    en: 'NIB {nib} is already registered to {name}.',
  },
  name_required: { id: 'Nama pelaku usaha wajib diisi.', en: 'The owner name is required.' },
  phone_invalid: { id: 'No. HP tidak valid: "{value}".', en: 'Not a valid mobile number: "{value}".' },
  regency_unknown: { id: 'Kabupaten/kota tidak dikenal: "{value}".', en: 'Unknown regency: "{value}".' },
  regency_required: {
    id: 'Kabupaten/kota wajib dipilih: laporan ke kementerian dihitung per kabupaten/kota.',
    en: 'Choose the regency: the report for the ministry counts per regency.',
  },
  not_present: { id: '{name} belum tercatat hadir.', en: '{name} is not checked in.' },
  reason_required: { id: 'Alasan wajib diisi.', en: 'A reason is required.' },
  file_empty: { id: 'Berkas kosong: tidak ada baris data.', en: 'The file is empty: no data rows.' },
  file_unreadable: {
    id: 'Berkas "{file}" bukan spreadsheet yang bisa dibaca (XLSX, XLS, ODS atau CSV).',
    en: 'The file "{file}" is not a readable spreadsheet (XLSX, XLS, ODS or CSV).',
  },
  file_too_large: { id: 'Berkas terlalu besar (maks. {max} MB).', en: 'The file is too large (max {max} MB).' },
  file_too_complex: {
    id: 'Membaca berkas ini butuh lebih dari {max} MB memori; pembacaan dihentikan agar meja tetap berjalan. Pecah daftar menjadi beberapa berkas, atau hapus lembar dan kolom yang tidak perlu.',
    en: 'Reading this file needs more than {max} MB of memory; reading was stopped so the desk keeps working. Split the list into several files, or remove sheets and columns it does not need.',
  },
  no_header: {
    id: 'Baris judul kolom (NIB, Nama, …) tidak ditemukan di lembar "{sheet}".',
    en: 'No header row (NIB, Name, …) found in sheet "{sheet}".',
  },
  mapping_invalid: {
    id: 'Pemetaan kolom tidak lengkap: kolom {field} wajib dipilih.',
    en: 'Incomplete column mapping: choose a column for {field}.',
  },
  import_interrupted: {
    id: 'Impor terhenti setelah {done} dari {total} baris; yang sudah tersimpan aman. Impor berkas yang sama sekali lagi untuk menyelesaikannya: tidak ada peserta yang tercatat dua kali. Sebab: {cause}',
    en: 'The import stopped after {done} of {total} rows; what was saved is safe. Import the same file again to finish it: no participant is recorded twice. Cause: {cause}',
  },
  qr_unreadable: {
    id: 'Kode tidak dikenali: bukan kode QR Loket dan bukan NIB 13 angka.',
    en: 'Code not recognised: neither a Loket QR code nor a 13-digit NIB.',
  },
  qr_forged: {
    id: 'Kode QR PALSU atau rusak: tanda tangan tidak cocok. Cari peserta dengan NIB atau nama.',
    en: 'FORGED or damaged QR code: the signature does not match. Find the participant by NIB or name.',
  },
  qr_other_event: {
    id: 'Kode QR ini dari acara lain, bukan acara ini.',
    en: 'This QR code belongs to another event.',
  },
  reprint_reason_required: {
    id: 'Kartu peserta sudah pernah dicetak. Cetak ulang memerlukan alasan.',
    en: 'The badge was printed already. A reprint needs a reason.',
  },
  printer_failed: { id: 'Printer gagal mencetak: {detail}', en: 'The printer failed: {detail}' },
  template_invalid: {
    id: 'Templat kolom ekspor tidak dapat dipakai: {problem}',
    en: 'The export column template cannot be used: {problem}',
  },
  template_name_taken: {
    id: 'Templat kolom ekspor memberi nama "{file}", yang sudah dipakai lembar atau berkas laporan lain. Ganti nama lembar atau berkasnya.',
    en: 'The export column template uses the name "{file}", which another sheet or file of the report already has. Rename its sheet or file.',
  },
  export_folder_unusable: {
    id: 'Folder ekspor "{folder}" tidak bisa dipakai ({detail}): sudah ada berkas dengan nama itu, atau folder itu tidak bisa ditulisi. Pilih folder lain.',
    en: 'The export folder "{folder}" cannot be used ({detail}): a file has that name, or the folder cannot be written to. Choose another folder.',
  },
  pdf_unavailable: {
    id: 'Tidak bisa membuat undangan PNG: Chromium/Chrome tidak ditemukan di komputer ini.',
    en: 'Cannot make the PNG invitations: no Chromium/Chrome found on this computer.',
  },
  certificate_not_found: {
    id: 'Sertifikat {number} tidak ada dalam daftar.',
    en: 'Certificate {number} is not on the list.',
  },
  wrong_envelope: {
    id: 'AMPLOP SALAH: sertifikat {number} milik {owner} (NIB {nib}), bukan peserta ini.',
    en: 'WRONG ENVELOPE: certificate {number} belongs to {owner} (NIB {nib}), not to this participant.',
  },
  already_handed_over: {
    id: 'Sertifikat {number} SUDAH DISERAHKAN pukul {time} di {desk} oleh {operator} kepada {recipient}.',
    en: 'Certificate {number} was ALREADY HANDED OVER at {time} at {desk} by {operator} to {recipient}.',
  },
  certificate_not_issued: {
    id: 'Sertifikat {number} belum terbit; tidak bisa diserahkan.',
    en: 'Certificate {number} is not issued yet; it cannot be handed over.',
  },
  signature_required: { id: 'Tanda tangan penerima wajib.', en: "The recipient's signature is required." },
  representative_name_required: {
    id: 'Nama dan hubungan penerima kuasa wajib diisi.',
    en: "The representative's name and relationship are required.",
  },
  certificate_number_invalid: {
    id: 'Nomor sertifikat "{value}" tidak berbentuk ID + 17 angka. Periksa, atau konfirmasi untuk tetap menyimpan.',
    en: 'Certificate number "{value}" is not ID + 17 digits. Check it, or confirm to keep it.',
  },
  certificate_number_taken: {
    id: 'Nomor sertifikat {number} sudah terdaftar untuk {owner}.',
    en: 'Certificate number {number} is already listed for {owner}.',
  },
  no_conflict: { id: 'Tidak ada konflik untuk sertifikat ini.', en: 'There is no conflict for this certificate.' },
  join_code_invalid: {
    id: 'Kode gabung tidak valid atau salah ketik. Periksa lagi ketikannya, atau minta kode baru dari panitia.',
    en: 'The join code is invalid or mistyped. Check what was typed, or ask the organizer for a new code.',
  },
  sync_unreachable: {
    id: 'Meja di {peer} tidak dapat dihubungi. Periksa alamatnya, bahwa meja itu menyala dan menerima sambungan, dan bahwa kedua meja ada di jaringan yang sama.',
    en: 'The desk at {peer} cannot be reached. Check the address, that the desk is running and accepts connections, and that both desks are on the same network.',
  },
  bundle_unreadable: {
    id: 'Berkas ini bukan bundel Loket yang utuh: tidak ada yang diambil. Buat bundel baru di meja asalnya (loket bundle export).',
    en: 'This file is not a complete Loket bundle: nothing was taken in. Make a new bundle on the desk it came from (loket bundle export).',
  },
  bundle_foreign: {
    id: 'Bundel ini rusak atau dari acara lain (kunci acara berbeda): tidak ada yang diambil. Salin lagi dari meja asalnya.',
    en: 'This bundle is damaged or belongs to another event (another event key): nothing was taken in. Copy it again from the desk it came from.',
  },
  bundle_version: {
    id: 'Bundel ini dibuat oleh versi Loket lain (versi bundel {found}; meja ini membaca versi {reads}): tidak ada yang diambil. Samakan versi Loket di kedua meja.',
    en: 'This bundle was made by another version of Loket (bundle version {found}; this desk reads version {reads}): nothing was taken in. Use the same Loket version on both desks.',
  },
  sync_other_event: {
    id: 'Meja di {peer} berasal dari acara lain (kunci acara berbeda): tidak ada data yang dipertukarkan.',
    en: 'The desk at {peer} belongs to another event (another event key): no data was exchanged.',
  },
  sync_older_version: {
    id: 'Meja di {peer} memakai versi Loket yang lebih lama. Pasang versi yang sama di kedua meja; datanya tetap aman.',
    en: 'The desk at {peer} runs an older version of Loket. Install the same version on both desks; the data stays safe.',
  },
  sync_newer_version: {
    id: 'Meja di {peer} memakai versi Loket yang lebih baru. Pasang versi yang sama di kedua meja; datanya tetap aman.',
    en: 'The desk at {peer} runs a newer version of Loket. Install the same version on both desks; the data stays safe.',
  },
  // Its detail (why the link closed, in English) is for --json and logs.
  sync_interrupted: {
    id: 'Sambungan ke meja di {peer} terputus sebelum pertukaran selesai. Data yang sudah diterima tetap tersimpan; coba lagi.',
    en: 'The link to the desk at {peer} was cut before the exchange finished. Whatever was received is kept; try again.',
  },
  sync_timed_out: {
    id: 'Pertukaran dengan meja di {peer} tidak selesai dalam {seconds} detik. Data yang sudah diterima tetap tersimpan; coba lagi.',
    en: 'The exchange with the desk at {peer} did not finish within {seconds} s. Whatever was received is kept; try again.',
  },
  disk_full: {
    id: 'Penyimpanan penuh. Data yang sudah tersimpan aman; kosongkan ruang disk lalu ulangi.',
    en: 'The disk is full. Everything already saved is safe; free some space and try again.',
  },
  storage_failed: {
    id: 'Gagal menyimpan ({detail}). Data yang sudah tersimpan aman.',
    en: 'Could not save ({detail}). Everything already saved is safe.',
  },
  database_damaged: {
    id:
      'Basis data meja ini rusak ({problem}). Jangan lanjut mencatat di meja ini. Pulihkan cadangan terakhir: ' +
      '"loket restore --data {data} --from BERKAS" (berkas loket-*.db di folder cadangan), lalu buka Loket lagi; ' +
      'atau pindahkan folder data, buka Loket sebagai meja baru dan gabung ke acara agar semua data ditarik dari meja lain.',
    en:
      "This desk's database is damaged ({problem}). Do not keep recording on this desk. Restore the latest backup: " +
      '"loket restore --data {data} --from FILE" (a loket-*.db file in the backup folder), then open Loket again; ' +
      'or move the data folder away, open Loket as a new desk and join the event to pull everything from the other desks.',
  },
  backup_not_configured: {
    id: 'Folder cadangan belum dipilih (Pengaturan → Cadangan).',
    en: 'No backup folder chosen yet (Settings → Backup).',
  },
  backup_failed: {
    id: 'Cadangan gagal ditulis ke {folder} ({detail}). Meja tetap berjalan; periksa flashdisk atau pilih folder lain.',
    en: 'The backup could not be written to {folder} ({detail}). The desk keeps working; check the USB stick or choose another folder.',
  },
  backup_invalid: {
    id: 'Berkas {file} bukan cadangan Loket yang utuh ({problem}).',
    en: 'The file {file} is not an intact Loket backup ({problem}).',
  },
  export_required: {
    id: 'Data pribadi hanya bisa dihapus setelah ekspor laporan dibuat dan diterima.',
    en: 'Personal data can be purged only after the report has been exported and received.',
  },
  data_after_export: {
    id: 'Ada {count} catatan peserta baru sejak ekspor terakhir. Ekspor lagi sebelum menghapus data pribadi.',
    en: 'There are {count} new participant records since the last export. Export again before purging personal data.',
  },
  nik_invalid: {
    id: 'NIK harus 16 angka dengan kode provinsi dan tanggal lahir yang benar.',
    en: 'An NIK has 16 digits with a valid province code and date of birth.',
  },
  uplink_url_invalid: {
    id: 'Alamat server provinsi tidak valid ({detail}). Bentuknya: postgres://USER@HOST:PORT/DB, pilihan sslmode dan sslrootcert saja.',
    en: 'The province server address is not valid ({detail}). Its form: postgres://USER@HOST:PORT/DB, with only sslmode and sslrootcert as options.',
  },
  uplink_insecure: {
    id: 'Sambungan ke {host} tanpa TLS yang memeriksa sertifikat server ditolak: tambahkan ?sslmode=verify-full (dan sslrootcert=BERKAS bila perlu), atau --insecure bila memang disengaja.',
    en: 'A connection to {host} without TLS that checks the server certificate is refused: add ?sslmode=verify-full (and sslrootcert=FILE if needed), or --insecure if this is intended.',
  },
  uplink_not_configured: {
    id: 'Server provinsi belum diatur: isi di Pengaturan (PIN panitia), atau beri alamatnya lewat {env} atau --url-file.',
    en: 'No province server is set: set it in Settings (organizer PIN), or give its address in {env} or --url-file.',
  },
  uplink_schema: {
    id: 'Skema Loket di server provinsi versi {have}, perlu versi {want}, dan peran ini tidak boleh membuatnya. Minta DBA menjalankan "loket uplink --print-schema".',
    en: 'The Loket schema on the province server is version {have}, version {want} is needed, and this role may not create it. Ask the DBA to apply "loket uplink --print-schema".',
  },
  uplink_failed: {
    id: 'Server provinsi {server}: {detail}',
    en: 'Province server {server}: {detail}',
  },
  uplink_mismatch: {
    id: 'Server provinsi {server} menyimpan data {event} berbeda dari yang dikirim: kiriman itu dibatalkan di server dan dicatat sebagai alarm integritas; pengiriman berhenti sampai server menyimpan apa adanya. Periksa pengodean basis data server (harus UTF8) dan trigger pada loket_events.',
    en: 'The province server {server} stored record {event} differently from what was sent: that batch was rolled back there and raised as an integrity alarm; the uplink stops until the server stores what it is sent. Check the server database encoding (must be UTF8) and any trigger on loket_events.',
  },
  already_purged: { id: 'Data pribadi meja ini sudah dihapus.', en: "This desk's personal data has already been purged." },
  // Its detail is zod's English, for logs and programs: the operator reads what to do.
  bad_request: {
    id: 'Permintaan tidak valid: isiannya tidak diterima meja ini. Periksa isiannya lalu coba lagi.',
    en: 'Invalid request: this desk did not accept what was entered. Check it and try again.',
  },
  internal: { id: 'Terjadi kesalahan: {detail}', en: 'Something went wrong: {detail}' },
};

const IMPORT: Record<ImportIssueCode, Entry> = {
  cert_sheet_hidden_skipped: {
    id: 'Lembar tersembunyi, tidak dibaca: "{sheet}". Bila lembar ini memang bagian dari daftar sertifikat, tampilkan (Unhide) di spreadsheet lalu impor lagi.',
    en: 'Hidden sheet, not read: "{sheet}". If this sheet really belongs to the certificate list, unhide it in the spreadsheet and import again.',
  },
  sheet_no_certificate_columns: {
    id: 'Lembar ini tidak punya kolom NIB dan Nomor Sertifikat; dilewati.',
    en: 'This sheet has no NIB and certificate number columns; skipped.',
  },
  cert_number_format: {
    id: 'Nomor sertifikat "{value}" tidak berbentuk ID + 17 angka; tetap diimpor, periksa.',
    en: 'Certificate number "{value}" is not ID + 17 digits; imported anyway, please check.',
  },
  cert_pending: { id: 'Tanpa nomor sertifikat: dicatat sebagai belum terbit.', en: 'No certificate number: recorded as not yet issued.' },
  cert_duplicate: {
    id: 'Nomor sertifikat {value} sama dengan baris {otherRow}; hanya diimpor sekali.',
    en: 'Certificate number {value} repeats row {otherRow}; imported once.',
  },
  cert_date_invalid: { id: 'Tanggal terbit tidak terbaca: "{value}".', en: 'Unreadable issue date: "{value}".' },
  cert_unmatched: {
    id: 'NIB {value} tidak ada di daftar peserta; sertifikat tidak diimpor.',
    en: 'NIB {value} is not on the participant list; certificate not imported.',
  },
  nib_missing: { id: 'NIB kosong atau belum ada; baris tidak diimpor.', en: 'NIB missing; row not imported.' },
  nib_not_digits: { id: 'NIB bukan angka: "{value}"; baris tidak diimpor.', en: 'NIB is not a number: "{value}"; row not imported.' },
  nib_wrong_length: {
    id: 'NIB harus 13 angka, tertulis {length} angka: "{value}"; baris tidak diimpor.',
    en: 'NIB must have 13 digits, found {length}: "{value}"; row not imported.',
  },
  nib_restored: {
    id: 'NIB tersimpan sebagai angka di Excel; angka 0 di depan dikembalikan: {value}.',
    en: 'NIB was stored as an Excel number; leading zeros restored: {value}.',
  },
  nib_twelve_digits: {
    id: 'NIB hanya 12 angka: angka 0 di depan kemungkinan hilang (Excel menyimpan NIB sebagai angka); dikembalikan menjadi {value}, periksa dengan sumbernya.',
    en: 'NIB has only 12 digits: its leading 0 was probably lost (Excel stored the NIB as a number); restored as {value}, please check it against the source.',
  },
  nib_scientific: {
    id: 'NIB tertulis dalam notasi ilmiah ("{value}"): Excel menampilkan angka panjang seperti 9,12071E+12 dan digit terakhirnya hilang saat disimpan; baris tidak diimpor. Perbaiki kolom NIB: format sel sebagai Teks (Format Cells → Text), isi ulang NIB dari sumbernya, lalu simpan sebagai .xlsx.',
    en: 'NIB written in scientific notation ("{value}"): Excel shows long numbers as 9.12071E+12 and their last digits are lost when saved; row not imported. Fix the NIB column: format its cells as Text (Format Cells → Text), enter the NIBs again from their source, and save as .xlsx.',
  },
  nib_spaces_removed: { id: 'Spasi dalam NIB dihapus: {value}.', en: 'Spaces removed from the NIB: {value}.' },
  nib_duplicate: {
    id: 'NIB {value} sama dengan baris {otherRow}; hanya diimpor sekali.',
    en: 'NIB {value} repeats row {otherRow}; imported once.',
  },
  name_missing: { id: 'Nama pelaku usaha kosong; baris tidak diimpor.', en: 'Owner name missing; row not imported.' },
  phone_invalid: { id: 'No. HP tidak valid: "{value}"; dikosongkan.', en: 'Invalid mobile number "{value}"; left empty.' },
  regency_unknown: {
    id: 'Kabupaten/kota tidak dikenal: "{value}"; dikosongkan.',
    en: 'Unknown regency "{value}"; left empty.',
  },
  regency_missing: { id: 'Kabupaten/kota kosong.', en: 'Regency missing.' },
  regency_outside_event: {
    id: 'Kabupaten/kota {value} bukan wilayah acara ini; tetap diimpor, periksa.',
    en: 'Regency {value} is not one of this event\'s regencies; imported anyway, please check.',
  },
  sheet_no_regency: {
    id: 'Lembar "{sheet}" tidak punya kolom Kab/Kota, dan nama maupun judulnya bukan nama kabupaten/kota; peserta diimpor tanpa kabupaten/kota.',
    en: 'Sheet "{sheet}" has no regency column, and neither its name nor its title names a regency; participants are imported without one.',
  },
  formula_text: {
    id: 'Sel berisi rumus "{value}"; disimpan sebagai teks, tidak dijalankan.',
    en: 'Cell holds a formula "{value}"; kept as text, never run.',
  },
  formula_no_result: {
    id: 'Sel {cell} berisi rumus tanpa hasil tersimpan ({value}); dibaca kosong. Buka berkas di Excel atau LibreOffice lalu simpan ulang agar hasilnya tersimpan.',
    en: 'Cell {cell} holds a formula saved without its result ({value}); read as empty. Open the file in Excel or LibreOffice and save it again so the result is saved.',
  },
  formula_error: {
    id: 'Rumus di sel {cell} menghasilkan galat {value}; dibaca kosong.',
    en: 'The formula in cell {cell} gives the error {value}; read as empty.',
  },
  sheet_hidden_skipped: {
    id: 'Lembar tersembunyi, tidak diimpor: "{sheet}". Pilih "Impor juga" bila lembar ini memang bagian dari daftar.',
    en: 'Hidden sheet, not imported: "{sheet}". Choose "Import too" if this sheet really belongs to the list.',
  },
  row_empty_nib_optional: {
    id: 'NIB kosong; diimpor tanpa NIB karena NIB tidak wajib.',
    en: 'NIB missing; imported without one because the NIB is optional.',
  },
  nib_duplicate_sheet: {
    id: 'NIB {value} sama dengan baris {otherRow} di lembar "{otherSheet}"; hanya diimpor sekali.',
    en: 'NIB {value} repeats row {otherRow} of sheet "{otherSheet}"; imported once.',
  },
  text_truncated: {
    id: 'Teks terlalu panjang; dipotong menjadi {max} karakter.',
    en: 'Text too long; cut to {max} characters.',
  },
  sheet_no_header: {
    id: 'Baris judul kolom (NIB, Nama, …) tidak ditemukan di lembar "{sheet}"; lembar tidak diimpor.',
    en: 'No header row (NIB, Name, …) found in sheet "{sheet}"; sheet not imported.',
  },
  sheet_no_name_column: {
    id: 'Kolom nama pelaku usaha tidak ditemukan di lembar "{sheet}"; lembar tidak diimpor.',
    en: 'No owner name column in sheet "{sheet}"; sheet not imported.',
  },
  sheet_no_nib_column: {
    id: 'Kolom NIB tidak ditemukan di lembar "{sheet}", padahal NIB wajib; lembar tidak diimpor.',
    en: 'No NIB column in sheet "{sheet}", and the NIB is required; sheet not imported.',
  },
};

const PROBLEMS = {
  sheet: { id: 'Masalah Impor', en: 'Import problems' },
  kind: { id: 'Jenis', en: 'Kind' },
  sheetName: { id: 'Lembar', en: 'Sheet' },
  row: { id: 'Baris', en: 'Row' },
  field: { id: 'Kolom', en: 'Field' },
  value: { id: 'Nilai', en: 'Value' },
  message: { id: 'Keterangan', en: 'Message' },
  error: { id: 'Galat', en: 'Error' },
  warning: { id: 'Peringatan', en: 'Warning' },
} satisfies Record<string, Entry>;

const BADGE = {
  role: { id: 'Peserta', en: 'Participant' },
  testName: { id: 'CONTOH NAMA PESERTA YANG PANJANG SEKALI', en: 'SAMPLE OF A VERY LONG PARTICIPANT NAME' },
  testRegency: { id: 'Halaman uji printer', en: 'Printer test page' },
  testRole: { id: 'Uji Cetak', en: 'Test print' },
  invitationHint: {
    id: 'Tunjukkan kode QR ini di meja registrasi.',
    en: 'Show this QR code at the registration desk.',
  },
} satisfies Record<string, Entry>;

const RECEIPT = {
  title: { id: 'TANDA TERIMA SERTIFIKAT HALAL', en: 'HALAL CERTIFICATE RECEIPT' },
  number: { id: 'Nomor Sertifikat', en: 'Certificate no.' },
  products: { id: 'Produk', en: 'Products' },
  owner: { id: 'Pelaku Usaha', en: 'Business owner' },
  business: { id: 'Nama Usaha', en: 'Business' },
  recipient: { id: 'Penerima', en: 'Received by' },
  inPerson: { id: 'Diterima langsung', en: 'In person' },
  representative: { id: 'Diwakilkan', en: 'Representative' },
  relationship: { id: 'Hubungan', en: 'Relationship' },
  idNumber: { id: 'No. Identitas', en: 'ID number' },
  letter: { id: 'Surat Kuasa', en: 'Letter of authority' },
  shown: { id: 'Ditunjukkan', en: 'Shown' },
  notShown: { id: 'Tidak ditunjukkan', en: 'Not shown' },
  time: { id: 'Waktu', en: 'Time' },
  desk: { id: 'Meja / Petugas', en: 'Desk / operator' },
  signature: { id: 'Tanda tangan penerima', en: "Recipient's signature" },
  footer: { id: 'Nomor bukti {desk}/{seq}', en: 'Receipt no. {desk}/{seq}' },
  closingTitle: { id: 'LAPORAN TUTUP MEJA', en: 'DESK CLOSING REPORT' },
  closingHanded: { id: 'Diserahkan oleh meja ini', en: 'Handed over at this desk' },
  closingInStock: { id: 'Sertifikat masih tersedia (seluruh acara)', en: 'Certificates still in stock (whole event)' },
  closingSign: { id: 'Petugas meja', en: 'Desk operator' },
} satisfies Record<string, Entry>;

export const MESSAGES = {
  ...Object.fromEntries(Object.entries(RECEIPT).map(([k, v]) => [`receipt.${k}`, v])),
  ...Object.fromEntries(Object.entries(BADGE).map(([k, v]) => [`badge.${k}`, v])),
  ...Object.fromEntries(Object.entries(PROBLEMS).map(([k, v]) => [`problems.${k}`, v])),
  ...Object.fromEntries(Object.entries(ERRORS).map(([k, v]) => [`error.${k}`, v])),
  ...Object.fromEntries(Object.entries(IMPORT).map(([k, v]) => [`import.${k}`, v])),
} as Record<`error.${ErrorCode}` | `import.${ImportIssueCode}` | `problems.${keyof typeof PROBLEMS}` | `badge.${keyof typeof BADGE}` | `receipt.${keyof typeof RECEIPT}`, Entry>;

export type MessageKey = keyof typeof MESSAGES;
