import { isBlankCell, type RawCell } from '../../../shared/import/types';

/** Excel keeps formatted but empty rows below a list; they are not data. */
export function dropTrailingBlankRows(rows: RawCell[][]): RawCell[][] {
  let end = rows.length;
  while (end > 0 && rows[end - 1]!.every(isBlankCell)) end--;
  rows.length = end;
  return rows;
}
