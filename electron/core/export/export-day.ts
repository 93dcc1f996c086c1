import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportResult } from '../../../shared/api';
import { LoketError } from '../../../shared/errors';
import { hlcWall } from '../../../shared/hlc';
import { t } from '../../../shared/i18n';
import { privacyNotice } from '../../../shared/privacy-notice';
import type { Desk } from '../desk';
import { completeness } from './completeness';
import { tableCsv } from './csv';
import { attendancePdf } from './documents/attendance-pdf';
import { bastPdf } from './documents/bast-pdf';
import { rekapPdf } from './documents/rekap-pdf';
import { summaryPdf } from './documents/summary-pdf';
import { collectReport } from './report-data';
import { reportTables } from './report-tables';
import { loadTemplate, templateFromText } from './template';
import { writeWorkbook } from './workbook';

export interface ExportOptions {
  /** The folder to write; created if missing. */
  folder: string;
  separator?: ';' | ',';
  /** A participant-sheet template file; else the template saved on the desk (`export_template`), else the default. */
  templateFile?: string | null;
  /** false leaves the PDFs out (`loket export --no-pdf`, and the benchmark's data-only figure). */
  pdf?: boolean;
}

const WORKBOOK_FILE = 'laporan-harian.xlsx';
const SUMMARY_FILE = 'ringkasan-ekspor.pdf';
const MANIFEST_FILE = 'manifest.json';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Codes that mean the folder cannot be used as it is (a file by that name, no permission, read-only). */
const UNUSABLE = new Set(['EEXIST', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS']);

/** The export folder, made before anything is gathered: a wrong `--out` is said plainly, at once. */
async function makeFolder(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && UNUSABLE.has(code)) throw new LoketError('export_folder_unusable', { folder, detail: code });
    throw error;
  }
}

/**
 * End-of-day export for the ministry: workbook, one CSV per sheet, the printable documents, a
 * summary page and a manifest. Everything but the manifest's `generatedAt` is a function of the
 * event log, so two exports of the same events hash the same and can be compared by the Dinas.
 */
export async function exportDay(desk: Desk, options: ExportOptions): Promise<ExportResult> {
  // A template or a folder that cannot be used is refused before anything is gathered or written.
  const template = options.templateFile ? await loadTemplate(options.templateFile) : templateFromText(desk.meta('export_template'));
  await makeFolder(options.folder);
  const separator = options.separator ?? ';';
  const data = collectReport(desk);
  const tables = reportTables(data, template);
  const digest = desk.store.digest();
  // The latest event's time stands in for "now" inside the files, so the same events give the same bytes.
  const stamp = new Date(data.events.length ? hlcWall(data.events.at(-1)!.hlc) : 0);
  const coverage = completeness(desk, data.events);

  const files: ExportResult['files'] = [];
  const put = async (name: string, bytes: Uint8Array) => {
    await writeFile(join(options.folder, name), bytes);
    files.push({ name, sha256: sha256(bytes) });
  };

  await put(WORKBOOK_FILE, writeWorkbook(tables, stamp));
  for (const table of tables) await put(table.file, tableCsv(table, separator));
  if (options.pdf !== false) {
    // Written in Node (no browser), dated by the stamp: the same events give the same bytes on any machine.
    await put('daftar-hadir.pdf', await attendancePdf(data, stamp));
    await put('berita-acara-serah-terima.pdf', await bastPdf(data, stamp));
    await put('rekap.pdf', await rekapPdf(data, stamp));
    await put(SUMMARY_FILE, await summaryPdf({ event: data.event, deskName: desk.deskName(desk.id), digest, eventCount: data.events.length, completeness: coverage, files: [...files], stamp }));
  }

  const manifest = {
    format: 'loket-ekspor/1',
    generatedAt: new Date(desk.now()).toISOString(),
    event: { id: data.event.eventId, name: data.event.name, date: data.event.date, venue: data.event.venue },
    exportedBy: { desk: desk.id, name: desk.deskName(desk.id) },
    eventLog: { digest, events: data.events.length, latestEventAt: stamp.toISOString() },
    complete: coverage.complete,
    statement: coverage.statement,
    // UU PDP: whoever receives the personal data receives the notice it was collected under.
    privacyNotice: Object.fromEntries((['id', 'en'] as const).map((lang) => [lang, privacyNotice(lang, { eventName: data.event.name, retentionDate: data.event.retentionDate ?? null })])),
    warnings: coverage.warnings,
    desks: coverage.desks.map((d) => ({
      desk: d.desk,
      name: d.name,
      lastSeq: d.lastSeq,
      lastEventId: d.lastEventId,
      lastEventAt: d.lastEventAt === null ? null : new Date(d.lastEventAt).toISOString(),
      lastContact: d.lastContact === null ? null : new Date(d.lastContact).toISOString(),
      lacking: d.lacking,
    })),
    separator,
    // No CSV keeps NIBs' and phones' leading 0 when a spreadsheet app opens it by double-click (tests/integration/export-libreoffice.test.ts).
    csvLeadingZeros: Object.fromEntries((['id', 'en'] as const).map((lang) => [lang, t(lang, 'export.csvZeros')])),
    template: { sheet: template.sheet, columns: template.columns },
    files,
  };
  await writeFile(join(options.folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return { folder: options.folder, files, complete: coverage.complete, warnings: coverage.warnings };
}
