/** The largest list the desk accepts; a real one is a few hundred kilobytes. */
export const MAX_FILE_MB = 100;

/** Sheet names travel into the event log as a participant's source, which caps them. */
export const MAX_SHEET_NAME = 120;

/** What one part of an XLSX may inflate to: below V8's longest string, as each part becomes one. */
export const MAX_PART_BYTES = 400 * 1024 * 1024;

/**
 * What all parts read from one XLSX may inflate to together, a part read twice counted twice (many
 * sheets may name the same part); so also what one part may. A 100,000-row list inflates to 46 MB.
 */
export const MAX_WORKBOOK_BYTES = MAX_PART_BYTES;

/**
 * Cells one workbook may expand to in memory: rows, each row up to its last cell, values repeated
 * into merged ranges, shared strings. A 100,000-row list holds about 1.7 million.
 */
export const MAX_WORKBOOK_CELLS = 5_000_000;
