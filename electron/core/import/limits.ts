/** The largest list the desk accepts; a real one is a few hundred kilobytes. */
export const MAX_FILE_MB = 100;

/** Sheet names travel into the event log as a participant's source, which caps them. */
export const MAX_SHEET_NAME = 120;

/**
 * What all parts read from one XLSX may inflate to together, a part read twice counted twice (many
 * sheets may name the same part). A 100,000-row list inflates to 46 MB; a 420 KB "zip bomb" that
 * inflates to 385 MB is refused from its declared sizes, before anything is inflated.
 */
export const MAX_WORKBOOK_MB = 200;
export const MAX_WORKBOOK_BYTES = MAX_WORKBOOK_MB * 1024 * 1024;

/** So also what one part may: each becomes one string, far below V8's longest. */
export const MAX_PART_BYTES = MAX_WORKBOOK_BYTES;

/**
 * Cells one workbook may expand to in memory: rows, each row up to its last cell, values repeated
 * into merged ranges, shared strings. A 100,000-row list holds about 1.7 million.
 */
export const MAX_WORKBOOK_CELLS = 5_000_000;
