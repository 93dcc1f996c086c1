import { join } from 'node:path';
import type { ApiParsed, ExportResult } from '../../../shared/api';
import type { Desk } from '../desk';
import { witaDate } from '../export/cells';
import { exportDay } from '../export/export-day';
import { backupBefore } from '../backup/backup-file';
import { exportsDir } from '../paths';
import { markExported } from './privacy-service';

/** The organizer's "Ekspor Laporan": a new folder per export under <data>/ekspor, named by the WITA time ("2024-05-21_173005"). */
export async function exportReport(desk: Desk, input: ApiParsed<'exportDay'>): Promise<ExportResult> {
  const name = witaDate(desk.now()).toISOString().slice(0, 19).replace('T', '_').replace(/:/g, '');
  await backupBefore(desk, 'export');
  const result = await exportDay(desk, { folder: join(exportsDir(desk.dataDir), name), separator: input.separator ?? ';' });
  markExported(desk);
  return result;
}
