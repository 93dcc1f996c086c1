/**
 * The workbook's few cell formats. Text columns are '@' so Excel never reads "0812…" or a NIB as a
 * number, even in a cell the organizer types into later; dates are real dates in WITA wall time.
 */
export const KINDS = ['general', 'text', 'dateTime', 'date', 'percent'] as const;
export type Kind = (typeof KINDS)[number];

const NUM_FMT: Record<Kind, number> = { general: 0, text: 49, dateTime: 164, date: 165, percent: 166 };

/** Index into cellXfs: one normal and one bold entry per kind. */
export const xf = (kind: Kind, bold: boolean): number => KINDS.indexOf(kind) * 2 + (bold ? 1 : 0);

const cellXfs = KINDS.flatMap((kind) =>
  [0, 1].map((font) => `<xf numFmtId="${NUM_FMT[kind]}" fontId="${font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>`),
);

export const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/><numFmt numFmtId="166" formatCode="0.0%"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  `<cellXfs count="${cellXfs.length}">${cellXfs.join('')}</cellXfs>` +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';
