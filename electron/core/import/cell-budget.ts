import { LoketError } from '../../../shared/errors';
import { MAX_FILE_MB, MAX_WORKBOOK_CELLS } from './limits';

/**
 * Counts what a workbook expands to while it is read. A few hundred bytes of XML can name cell
 * XFD1048576 or merge a range over a million rows; counted, such a file is refused instead of
 * hanging the desk or exhausting its memory.
 */
export class CellBudget {
  constructor(private left = MAX_WORKBOOK_CELLS) {}

  spend(cells: number): void {
    this.left -= cells;
    if (this.left < 0) throw new LoketError('file_too_large', { max: MAX_FILE_MB });
  }
}
